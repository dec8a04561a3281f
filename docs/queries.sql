-- Ready queries for analysts. Open the DuckDB file read-only (duckdb -readonly data/tcbill.duckdb) and run any of them.
-- The test suite runs every statement in this file against a loaded month, so they stay correct.

-- 1. What did each customer cost this month, most expensive first?
SELECT bill_month, customer_uin, customer_name, total_cost, voucher_deduction
FROM monthly_cost_by_customer
ORDER BY bill_month DESC, total_cost DESC;

-- 2. Cost by product across all customers, month by month.
SELECT bill_month, product_name, customers, total_cost
FROM monthly_cost_by_product
ORDER BY bill_month DESC, total_cost DESC;

-- 3. Cost by region.
SELECT bill_month, region, total_cost
FROM monthly_cost_by_region
ORDER BY bill_month DESC, total_cost DESC;

-- 4. Month-over-month change per customer.
SELECT customer_uin, bill_month, total_cost,
       total_cost - lag(total_cost) OVER (PARTITION BY customer_uin ORDER BY bill_month) AS change
FROM monthly_cost_by_customer
ORDER BY customer_uin, bill_month;

-- 5. The ten most expensive resources of the latest month.
SELECT customer_uin, product_name, instance_id, instance_name, sum(total_cost) AS cost
FROM bill_l3
WHERE bill_month = (SELECT max(bill_month) FROM bill_l3)
GROUP BY ALL
ORDER BY cost DESC
LIMIT 10;

-- 6. Refunds and adjustments (negative lines).
SELECT bill_month, customer_uin, transaction_type, count(*) AS lines, sum(total_cost) AS amount
FROM bill_l3
WHERE total_cost < 0
GROUP BY ALL
ORDER BY bill_month DESC, amount;

-- 7. Commission per customer.
SELECT bill_month, customer_uin, customer_name, commissionable_amount, commission_amount
FROM commission_by_customer
ORDER BY bill_month DESC, commission_amount DESC;

-- 8. Voucher usage per customer.
SELECT bill_month, customer_uin, vouchers, usage_records, amount
FROM voucher_usage_by_customer
ORDER BY bill_month DESC, amount DESC;

-- 9. Does each customer's month reconcile (L3 details against the summary APIs)?
SELECT bill_month, customer_uin, status, detail_total_cost, summary_total_cost, max_difference
FROM reconciliation
ORDER BY bill_month DESC, max_difference DESC;

-- 10. FOCUS 1.2: effective cost by service category and charge category (standard FinOps query shape).
SELECT "BillingPeriodStart", "ServiceCategory", "ChargeCategory", sum("EffectiveCost") AS effective_cost,
       sum("BilledCost") AS billed_cost
FROM focus_1_2
GROUP BY ALL
ORDER BY 1 DESC, billed_cost DESC;

-- 11. What is loaded now, and did anything get rejected? (load_log_current: the load now published of each file;
--     load_log keeps every attempt, replaced and failed ones too, so a month loaded twice would count twice there.)
SELECT feed, bill_month, count(*) AS files, sum(row_count) AS rows, sum(rejected_count) AS rejected
FROM load_log_current
GROUP BY ALL
ORDER BY bill_month DESC, feed;

-- 12. FOCUS 1.3: billed cost per billing account and billing period, the periods in UTC (a Beijing-time month
--     starts at 16:00 UTC the day before); the same total as bill_l3 for each account and month.
SELECT "BillingAccountId", "BillingPeriodStart", "BillingPeriodEnd", "ServiceCategory", sum("BilledCost") AS billed_cost,
       sum("EffectiveCost") AS effective_cost
FROM focus_1_3
GROUP BY ALL
ORDER BY 2 DESC, 1, billed_cost DESC;

-- 13. Cost by tag (the customers' cost-allocation tags, bill_l3.tags): cost per tag key and value, month by month. A row
--     with several tags counts once under each of its keys, so add up within one key (e.g. WHERE tag_key = 'env');
--     rows without any tag are the line with tag_key NULL. focus_1_3."Tags" holds the same JSON object text.
SELECT b.bill_month, t.key AS tag_key, t.value ->> '$' AS tag_value, count(*) AS lines, sum(b.total_cost) AS total_cost
FROM bill_l3 b
LEFT JOIN json_each(b.tags) t ON true
GROUP BY ALL
ORDER BY b.bill_month DESC, tag_key NULLS LAST, total_cost DESC;
