-- Commission file (DescribeRebateDownloadUrl CommissionDetail): one row per commissioned charge, one partner-wide file per month.
-- No public layout exists: the columns are the working assumption of docs/table-contract.md, corrected in the mapping when a real file differs.
-- Amounts are in the row's currency; times and months are Tencent's, Beijing time (UTC+8). Lineage columns last.
CREATE TABLE IF NOT EXISTS commission_detail (
    commission_month VARCHAR,                   -- Commission Month: the month the commission is for, as the file writes it (Beijing time)
    reseller_account_id BIGINT,                 -- Reseller Account ID: UIN of the reseller earning the commission
    customer_account_id BIGINT,                 -- Customer Account ID: UIN of the customer whose charge earns the commission; the same id as customer_uin (kept under its file name)
    customer_name VARCHAR,                      -- Customer Name: the customer as Tencent names it
    product_name VARCHAR,                       -- ProductName: the Tencent Cloud product, in the file language (English or Chinese)
    subproduct_name VARCHAR,                    -- SubproductName: the sub-product
    billing_mode VARCHAR,                       -- BillingMode: how the charge is paid, e.g. Monthly Subscription or Pay-As-You-Go
    transaction_type VARCHAR,                   -- TransactionType: the kind of charge, Tencent ActionType names
    transaction_id VARCHAR,                     -- TransactionID: Tencent id of the order or deduction the commission is for
    transaction_time TIMESTAMP,                 -- TransactionTime: when Tencent charged it, Beijing time (UTC+8), no zone stored
    commissionable_amount DECIMAL(38,8),        -- Commissionable Amount: the part of the charge commission is paid on, in currency
    commission_rate DECIMAL(38,8),              -- Commission Rate: the rate as a fraction (0.1 means 10 percent)
    commission_amount DECIMAL(38,8),            -- Commission Amount: commissionable_amount x commission_rate, in currency
    currency VARCHAR,                           -- Currency: ISO code of every amount of the row, e.g. USD
    extra_columns VARCHAR,                      -- JSON object of the file columns the mapping does not know (header: value); NULL when none; the headers are listed in load_log.extra_columns
    bill_month DATE NOT NULL,                   -- Lineage: first day of the month the file was requested for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: customer UIN the row belongs to, read from its Customer Account ID (the file covers every customer)
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw file the row was read from (raw zone, bytes as downloaded)
    source_line BIGINT NOT NULL,                -- Lineage: physical line (1-based) of the raw CSV the record starts on
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
