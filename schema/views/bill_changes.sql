-- What each re-pull of a month changed in the bills (L3 details and L2 by instance), per customer, product and currency:
-- the total cost of the version a load replaced (kept in bill_l3_history and bill_l2_history) beside the total of the
-- version that replaced it (in bill_l3 or bill_l2, or in the history when a later pull replaced it in turn), and the
-- difference. One row per replacement, customer, product and currency whose total cost or row count changed; a re-pull
-- with identical rows, and a first pull, add none. Amounts in the currency, including tax; months are Tencent's
-- (Beijing time UTC+8); replaced_at is a tcbill clock time in UTC.
-- @column feed Feed of jobs/ whose table changed: l3 (bill_l3) or l2 (bill_l2)
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column customer_uin Customer UIN whose rows changed; NULL for the own bill of the account
-- @column product_name The Tencent Cloud product, in the bill language
-- @column currency ISO code of the amounts
-- @column rows_before Rows of the product in the replaced version
-- @column rows_after Rows of the product in the version that replaced it
-- @column total_cost_before Total cost (including tax) of the product in the replaced version, in currency
-- @column total_cost_after Total cost (including tax) of the product in the version that replaced it, in currency
-- @column total_cost_difference total_cost_after minus total_cost_before, in currency
-- @column replaced_load_id The load that had published the replaced version; joins load_log.load_id
-- @column replaced_by_load_id The load that replaced it; joins load_log.load_id
-- @column replaced_at When tcbill replaced the version, UTC (no zone stored)
CREATE OR REPLACE VIEW bill_changes AS
WITH history AS (
    SELECT 'l3' AS feed, bill_month, customer_uin, product_name, currency, total_cost, load_id, superseded_by_load_id,
           superseded_at
    FROM bill_l3_history
    UNION ALL
    SELECT 'l2' AS feed, bill_month, customer_uin, product_name, currency, total_cost, load_id, superseded_by_load_id,
           superseded_at
    FROM bill_l2_history
),
versions AS (
    SELECT 'l3' AS feed, bill_month, customer_uin, product_name, currency, total_cost, load_id FROM bill_l3
    UNION ALL
    SELECT 'l2' AS feed, bill_month, customer_uin, product_name, currency, total_cost, load_id FROM bill_l2
    UNION ALL
    SELECT feed, bill_month, customer_uin, product_name, currency, total_cost, load_id FROM history
),
replacements AS (
    SELECT feed, bill_month, customer_uin, superseded_by_load_id, min(load_id) AS replaced_load_id,
           max(superseded_at) AS replaced_at
    FROM history
    GROUP BY feed, bill_month, customer_uin, superseded_by_load_id
),
amounts AS (
    SELECT r.feed, r.bill_month, r.customer_uin, r.replaced_load_id, r.superseded_by_load_id, r.replaced_at,
           h.product_name, h.currency, 1 AS row_before, 0 AS row_after, h.total_cost AS cost_before,
           CAST(0 AS DECIMAL(38,8)) AS cost_after
    FROM replacements r
    JOIN history h ON h.feed = r.feed AND h.bill_month = r.bill_month
        AND coalesce(h.customer_uin, -1) = coalesce(r.customer_uin, -1) AND h.superseded_by_load_id = r.superseded_by_load_id
    UNION ALL
    SELECT r.feed, r.bill_month, r.customer_uin, r.replaced_load_id, r.superseded_by_load_id, r.replaced_at,
           v.product_name, v.currency, 0 AS row_before, 1 AS row_after, CAST(0 AS DECIMAL(38,8)) AS cost_before,
           v.total_cost AS cost_after
    FROM replacements r
    JOIN versions v ON v.feed = r.feed AND v.bill_month = r.bill_month
        AND coalesce(v.customer_uin, -1) = coalesce(r.customer_uin, -1) AND v.load_id = r.superseded_by_load_id
)
SELECT feed, bill_month, customer_uin, product_name, currency,
       sum(row_before) AS rows_before, sum(row_after) AS rows_after,
       coalesce(sum(cost_before), 0) AS total_cost_before, coalesce(sum(cost_after), 0) AS total_cost_after,
       coalesce(sum(cost_after), 0) - coalesce(sum(cost_before), 0) AS total_cost_difference,
       replaced_load_id, superseded_by_load_id AS replaced_by_load_id, replaced_at
FROM amounts
GROUP BY feed, bill_month, customer_uin, product_name, currency, replaced_load_id, superseded_by_load_id, replaced_at
HAVING sum(row_before) <> sum(row_after) OR coalesce(sum(cost_before), 0) <> coalesce(sum(cost_after), 0);
