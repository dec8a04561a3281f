-- Bill by instance (L2): one row per instance and transaction, from Tencent's L2 (billResource) bill files.
-- Amounts are in the row's currency, DECIMAL(38,8) (Tencent rounds L2 amounts to 2 decimals); times and months are Tencent's, Beijing time (UTC+8).
-- Columns and types are the analyst contract (docs/table-contract.md); lineage columns last.
CREATE TABLE IF NOT EXISTS bill_l2 (
    payer_account_id BIGINT,                    -- Payer Account ID: UIN of the account that pays the bill (for a reseller customer the customer itself, so the same id as customer_uin)
    owner_account_id BIGINT,                    -- Owner Account ID: UIN of the account (the payer or one of its sub-accounts) that owns the instance
    operator_account_id BIGINT,                 -- Operator Account ID: UIN of the account or sub-account that created or changed the instance
    product_name VARCHAR,                       -- ProductName: the Tencent Cloud product, in the bill language (English or Chinese)
    subproduct_name VARCHAR,                    -- SubproductName: the sub-product, e.g. the instance family
    billing_mode VARCHAR,                       -- BillingMode: how the instance is paid, e.g. Monthly Subscription or Pay-As-You-Go
    project_name VARCHAR,                       -- ProjectName: the Tencent Cloud project the instance belongs to
    region VARCHAR,                             -- Region: region name as the bill writes it, e.g. Singapore
    availability_zone VARCHAR,                  -- Availability Zone: zone name as the bill writes it
    instance_id VARCHAR,                        -- InstanceID: id of the billed instance
    instance_name VARCHAR,                      -- InstanceName: name of the billed instance
    instance_type VARCHAR,                      -- Instance Type: the instance type or specification
    transaction_type VARCHAR,                   -- TransactionType: the kind of charge (e.g. Purchase, Renewal, Pay-as-you-go, Refund, Adjustment), Tencent ActionType names
    transaction_id VARCHAR,                     -- TransactionID: Tencent id of the order or deduction the charge belongs to
    transaction_time TIMESTAMP,                 -- TransactionTime: when Tencent charged it, Beijing time (UTC+8), no zone stored
    usage_start_time TIMESTAMP,                 -- Usage Start Time: start of the charged usage, Beijing time (UTC+8), no zone stored
    usage_end_time TIMESTAMP,                   -- Usage End Time: end of the charged usage, Beijing time (UTC+8), no zone stored
    configuration_description VARCHAR,         -- Configuration Description: the instance configuration as the bill describes it
    original_cost DECIMAL(38,8),                -- OriginalCost: cost at list price before discount and vouchers, in currency, excluding tax
    total_amount_after_discount DECIMAL(38,8),  -- Total Amount After Discount (Excluding Tax): original_cost after the discount, in currency
    voucher_deduction DECIMAL(38,8),            -- Voucher Deduction: the part paid by vouchers, in currency, excluding tax
    amount_before_tax DECIMAL(38,8),            -- Amount Before Tax: total_amount_after_discount minus voucher_deduction, in currency
    tax_amount DECIMAL(38,8),                   -- TaxAmount: tax on amount_before_tax, in currency
    total_cost DECIMAL(38,8),                   -- Total Cost (Including Tax): amount_before_tax plus tax_amount, in currency; what the customer pays (negative for refunds)
    currency VARCHAR,                           -- Currency: ISO code of every amount of the row, e.g. USD
    billable_month VARCHAR,                     -- Billable Month (Bill Month in files from November 2024): the month the charge is billed in, as the bill writes it (Beijing time)
    reseller_account_id BIGINT,                 -- Reseller Account ID: UIN of the reseller that directly manages the instance owner (a distributor's second-level reseller, or the partner itself); in files since 2023
    sp_deduction DECIMAL(38,8),                 -- SP Deduction: the part of the cost deducted from a savings plan commitment, in currency, excluding tax; in files from the November 2024 bill month
    order_id VARCHAR,                           -- Order ID: the order the charge belongs to (subscription purchases); in files from the November 2024 bill month
    region_code VARCHAR,                        -- Region Code: Tencent region id of region, e.g. ap-singapore; in files from the November 2024 bill month
    availability_zone_code VARCHAR,             -- Availability Zone Code: Tencent zone id of availability_zone, e.g. ap-singapore-3; in files from the November 2024 bill month
    additional_attribute VARCHAR,               -- Additional Attribute: extra attributes of the instance as the bill writes them; only in files before the November 2024 bill month (removed by the bill upgrade)
    extra_columns VARCHAR,                      -- JSON object of the file columns the mapping does not know (header: value); NULL when none; the headers are listed in load_log.extra_columns
    tags VARCHAR,                               -- Cost-allocation tags of the row as JSON object text (tag key: value), from the file's Tag:<key> columns, empty values left out; NULL when none (FOCUS Tags)
    bill_month DATE NOT NULL,                   -- Lineage: first day of the billing month the file was requested for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: customer UIN the row belongs to (the customer the file was requested for, or the row payer in a pack); NULL for the own bill of the account
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw file the row was read from (raw zone, bytes as downloaded)
    source_line BIGINT NOT NULL,                -- Lineage: physical line (1-based) of the raw CSV, or of its pack entry, the record starts on
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
