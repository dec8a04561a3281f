-- Voucher usage per customer and month (voucher_usage).
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column customer_uin Customer UIN
-- @column vouchers Number of distinct vouchers used
-- @column usage_records Number of voucher_usage rows
-- @column amount Sum of the amounts the vouchers paid, in the account billing currency
CREATE OR REPLACE VIEW voucher_usage_by_customer AS
SELECT bill_month, customer_uin, count(DISTINCT voucher_id) AS vouchers, count(*) AS usage_records,
       sum(amount) AS amount
FROM voucher_usage
GROUP BY bill_month, customer_uin;
