-- Cost per product and month from the L3 details, all customers together.
-- @column product_code Code of the product in canonical_product (NULL: a product name the list does not know yet, kept under its own name)
CREATE OR REPLACE VIEW monthly_cost_by_product AS
SELECT b.bill_month, p.product_code, coalesce(p.product_name, b.product_name) AS product_name, b.currency,
       count(*) AS line_items, count(DISTINCT b.customer_uin) AS customers, sum(b.original_cost) AS original_cost,
       sum(b.voucher_deduction) AS voucher_deduction, sum(b.total_cost) AS total_cost
FROM bill_l3 b
LEFT JOIN canonical_product p ON lower(b.product_name) = lower(p.bill_name)
GROUP BY b.bill_month, p.product_code, coalesce(p.product_name, b.product_name), b.currency;
