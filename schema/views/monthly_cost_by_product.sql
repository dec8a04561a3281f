-- Cost per canonical product and month from the L3 details (bill_l3), all customers together, one row per currency:
-- English and Chinese names of one product (canonical_product) are one row.
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column product_code Code of the product in canonical_product (NULL: a product name the list does not know yet, kept under its own name)
-- @column product_name Canonical English product name from canonical_product, else the ProductName as the bill writes it
-- @column currency ISO currency code of the amounts
-- @column line_items Number of bill_l3 rows summed
-- @column customers Number of distinct customer UINs with rows (the own bill, customer_uin NULL, not counted)
-- @column original_cost Sum of original_cost (list price, before discount and vouchers, excluding tax), in currency
-- @column voucher_deduction Sum of voucher_deduction (paid by vouchers, excluding tax), in currency
-- @column total_cost Sum of total_cost (including tax), in currency
CREATE OR REPLACE VIEW monthly_cost_by_product AS
SELECT b.bill_month, p.product_code, coalesce(p.product_name, b.product_name) AS product_name, b.currency,
       count(*) AS line_items, count(DISTINCT b.customer_uin) AS customers, sum(b.original_cost) AS original_cost,
       sum(b.voucher_deduction) AS voucher_deduction, sum(b.total_cost) AS total_cost
FROM bill_l3 b
LEFT JOIN canonical_product p ON lower(b.product_name) = lower(p.bill_name)
GROUP BY b.bill_month, p.product_code, coalesce(p.product_name, b.product_name), b.currency;
