-- One row per customer UIN ever listed, with the first and last month it was seen.
CREATE OR REPLACE VIEW customer AS
SELECT customer_uin, min(bill_month) AS first_seen_month, max(bill_month) AS last_seen_month
FROM customer_month
GROUP BY customer_uin;
