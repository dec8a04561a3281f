-- Commission per customer and month from the commission file (commission_detail), one row per currency.
-- @column bill_month First day of the month the commission file was requested for (a Tencent month, Beijing time UTC+8)
-- @column customer_uin Customer UIN the commission is earned on (commission_detail customer_account_id, the same id)
-- @column customer_name Customer Name as the file writes it (the smallest when rows differ)
-- @column currency ISO currency code of the amounts
-- @column line_items Number of commission_detail rows summed
-- @column commissionable_amount Sum of commissionable_amount, in currency
-- @column commission_amount Sum of commission_amount, in currency
CREATE OR REPLACE VIEW commission_by_customer AS
SELECT bill_month, customer_uin, min(customer_name) AS customer_name, currency, count(*) AS line_items,
       sum(commissionable_amount) AS commissionable_amount, sum(commission_amount) AS commission_amount
FROM commission_detail
GROUP BY bill_month, customer_uin, currency;
