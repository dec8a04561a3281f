-- DescribeCustomerVoucherUsageDetails (UsageDetail) for every voucher of a customer, Month = the billing month: one row per voucher use.
-- Amounts are as the API reports them, in the account billing currency (the API names none); times are Tencent's, Beijing time (UTC+8).
CREATE TABLE IF NOT EXISTS voucher_usage (
    id BIGINT,                                  -- Id: Tencent id of the usage record
    voucher_id BIGINT,                          -- VoucherId: the voucher used (as the request asked for it)
    deal_name VARCHAR,                          -- DealName: the order the voucher paid for
    bill_id VARCHAR,                            -- BillId: the bill (transaction) the voucher paid for; compare bill_l3 transaction_id
    amount DECIMAL(38,8),                       -- Amount: the amount the voucher paid, exact from the digits the API sent
    pay_mode VARCHAR,                           -- PayMode: prePay (monthly subscription) or postPay (pay-as-you-go)
    product_code VARCHAR,                       -- ProductCode: Tencent product code
    sub_product_code VARCHAR,                   -- SubProductCode: Tencent sub-product code
    product_code_name VARCHAR,                  -- ProductCodeName: the product name
    sub_product_code_name VARCHAR,              -- SubProductCodeName: the sub-product name
    pay_time TIMESTAMP,                         -- PayTime: when the voucher paid, Beijing time (UTC+8), no zone stored
    completion_time TIMESTAMP,                  -- CompletionTime: when the payment completed, Beijing time (UTC+8), no zone stored
    owner_uin BIGINT,                           -- OwnerUin: UIN of the account that owns the paid resource (the customer or a sub-account); the customer is customer_uin
    month VARCHAR,                              -- Month: the voucher usage month (YYYY-MM, Beijing time) the API answered for
    bill_month DATE NOT NULL,                   -- Lineage: first day of the billing month asked for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: the customer UIN the API was asked about (CustomerUin)
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw NDJSON file of API answers the row was read from
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
