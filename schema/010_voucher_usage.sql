-- DescribeCustomerVoucherUsageDetails (UsageDetail) for every voucher of a customer, Month = the billing month.
CREATE TABLE IF NOT EXISTS voucher_usage (
    id BIGINT,
    voucher_id BIGINT,
    deal_name VARCHAR,
    bill_id VARCHAR,
    amount DECIMAL(38,8),
    pay_mode VARCHAR,
    product_code VARCHAR,
    sub_product_code VARCHAR,
    product_code_name VARCHAR,
    sub_product_code_name VARCHAR,
    pay_time TIMESTAMP,
    completion_time TIMESTAMP,
    owner_uin BIGINT,
    month VARCHAR,
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
