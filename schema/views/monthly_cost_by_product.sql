-- Cost per product and month from the L3 details, all customers together.
CREATE OR REPLACE VIEW monthly_cost_by_product AS
SELECT bill_month, product_name, currency, count(*) AS line_items, count(DISTINCT customer_uin) AS customers,
       sum(original_cost) AS original_cost, sum(voucher_deduction) AS voucher_deduction, sum(total_cost) AS total_cost
FROM bill_l3
GROUP BY bill_month, product_name, currency;
