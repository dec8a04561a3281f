-- Voucher usage per customer and month.
CREATE OR REPLACE VIEW voucher_usage_by_customer AS
SELECT bill_month, customer_uin, count(DISTINCT voucher_id) AS vouchers, count(*) AS usage_records,
       sum(amount) AS amount
FROM voucher_usage
GROUP BY bill_month, customer_uin;
