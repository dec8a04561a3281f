-- Cost per region and month from the L3 details (bill_l3), all customers together, one row per currency.
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column region Region name as the bill writes it
-- @column currency ISO currency code of the amounts
-- @column line_items Number of bill_l3 rows summed
-- @column customers Number of distinct customer UINs with rows (the own bill, customer_uin NULL, not counted)
-- @column original_cost Sum of original_cost (list price, before discount and vouchers, excluding tax), in currency
-- @column voucher_deduction Sum of voucher_deduction (paid by vouchers, excluding tax), in currency
-- @column total_cost Sum of total_cost (including tax), in currency
CREATE OR REPLACE VIEW monthly_cost_by_region AS
SELECT bill_month, region, currency, count(*) AS line_items, count(DISTINCT customer_uin) AS customers,
       sum(original_cost) AS original_cost, sum(voucher_deduction) AS voucher_deduction, sum(total_cost) AS total_cost
FROM bill_l3
GROUP BY bill_month, region, currency;
