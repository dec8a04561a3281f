-- Commission per customer and month from the commission file.
CREATE OR REPLACE VIEW commission_by_customer AS
SELECT bill_month, customer_account_id, any_value(customer_name) AS customer_name, currency, count(*) AS line_items,
       sum(commissionable_amount) AS commissionable_amount, sum(commission_amount) AS commission_amount
FROM commission_detail
GROUP BY bill_month, customer_account_id, currency;
