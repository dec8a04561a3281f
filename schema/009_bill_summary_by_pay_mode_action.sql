-- The nested ActionSummaryOverviewItem rows of DescribeBillSummaryByPayMode: per customer, month, pay mode and transaction type.
-- Amounts are as the API reports them, in the account billing currency (the API names none), exact DECIMAL(38,8).
CREATE TABLE IF NOT EXISTS bill_summary_by_pay_mode_action (
    pay_mode VARCHAR,                           -- PayMode of the enclosing PayModeSummaryOverviewItem: prePay or postPay
    action_type VARCHAR,                        -- ActionType: Tencent transaction type code, e.g. prepay_purchase, postpay_deduct
    action_type_name VARCHAR,                   -- ActionTypeName: the transaction type name
    original_cost DECIMAL(38,8),                -- OriginalCost: cost at list price before discount and vouchers
    voucher_pay_amount DECIMAL(38,8),           -- VoucherPayAmount: the part paid by vouchers
    total_cost DECIMAL(38,8),                   -- TotalCost: the total the API reports
    bill_month DATE NOT NULL,                   -- Lineage: first day of the billing month asked for (BillMonth, a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: the customer UIN the API was asked about (CustomerUin)
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw NDJSON file of API answers the row was read from
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
