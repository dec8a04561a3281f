-- One row per customer UIN ever listed by DescribeCustomerUin, with the first and last month it was seen (from customer_month).
-- @column customer_uin Customer UIN
-- @column first_seen_month First day of the first billing month the customer was listed in (Beijing time UTC+8)
-- @column last_seen_month First day of the last billing month the customer was listed in (Beijing time UTC+8)
CREATE OR REPLACE VIEW customer AS
SELECT customer_uin, min(bill_month) AS first_seen_month, max(bill_month) AS last_seen_month
FROM customer_month
GROUP BY customer_uin;
