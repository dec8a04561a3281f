-- Cost per customer and month from the L3 details (customer_uin NULL: the account's own bill).
CREATE OR REPLACE VIEW monthly_cost_by_customer AS
SELECT bill_month, customer_uin, any_value(customer_name) AS customer_name, currency,
       count(*) AS line_items, sum(original_cost) AS original_cost, sum(voucher_deduction) AS voucher_deduction,
       sum(amount_before_tax) AS amount_before_tax, sum(tax_amount) AS tax_amount, sum(total_cost) AS total_cost
FROM bill_l3
GROUP BY bill_month, customer_uin, currency;
