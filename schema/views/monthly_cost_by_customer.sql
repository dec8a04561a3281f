-- Cost per customer and month from the L3 details (bill_l3), one row per currency; customer_uin NULL: the own bill of the account.
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column customer_uin Customer UIN; NULL for the own bill of the account
-- @column customer_name Customer Name as the bill writes it (the smallest when rows differ)
-- @column currency ISO currency code of the amounts
-- @column line_items Number of bill_l3 rows summed
-- @column original_cost Sum of original_cost (list price, before discount and vouchers, excluding tax), in currency
-- @column voucher_deduction Sum of voucher_deduction (paid by vouchers, excluding tax), in currency
-- @column amount_before_tax Sum of amount_before_tax (after discount and vouchers, excluding tax), in currency
-- @column tax_amount Sum of tax_amount, in currency
-- @column total_cost Sum of total_cost (including tax), in currency: what the customer pays
CREATE OR REPLACE VIEW monthly_cost_by_customer AS
SELECT bill_month, customer_uin, min(customer_name) AS customer_name, currency,
       count(*) AS line_items, sum(original_cost) AS original_cost, sum(voucher_deduction) AS voucher_deduction,
       sum(amount_before_tax) AS amount_before_tax, sum(tax_amount) AS tax_amount, sum(total_cost) AS total_cost
FROM bill_l3
GROUP BY bill_month, customer_uin, currency;
