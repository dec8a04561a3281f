-- Bill details (L3): one row per billed component of a resource, from Tencent's L3 (billDetail) bill files.
-- Amounts are in the row's currency, exact DECIMAL(38,8) as Tencent wrote them (up to 8 decimals); times and months are Tencent's, Beijing time (UTC+8).
-- Columns and types are the analyst contract (docs/table-contract.md); lineage columns last.
CREATE TABLE IF NOT EXISTS bill_l3 (
    payer_account_id BIGINT,                    -- Payer Account ID: UIN of the account that pays the bill (for a reseller customer the customer itself, so the same id as customer_uin)
    customer_name VARCHAR,                      -- Customer Name: the paying customer as Tencent names it
    owner_account_id BIGINT,                    -- Owner Account ID: UIN of the account (the payer or one of its sub-accounts) that owns the resource
    operator_account_id BIGINT,                 -- Operator Account ID: UIN of the account or sub-account that created or changed the resource
    product_name VARCHAR,                       -- ProductName: the Tencent Cloud product, in the bill language (English or Chinese)
    billing_mode VARCHAR,                       -- BillingMode: how the resource is paid, e.g. Monthly Subscription or Pay-As-You-Go
    project_name VARCHAR,                       -- ProjectName: the Tencent Cloud project the resource belongs to
    region VARCHAR,                             -- Region: region name as the bill writes it, e.g. Singapore
    availability_zone VARCHAR,                  -- Availability Zone: zone name as the bill writes it
    instance_id VARCHAR,                        -- InstanceID: id of the billed resource
    instance_name VARCHAR,                      -- InstanceName: name of the billed resource
    subproduct_name VARCHAR,                    -- SubproductName: the sub-product, e.g. the instance family
    transaction_type VARCHAR,                   -- TransactionType: the kind of charge (e.g. Purchase, Renewal, Pay-as-you-go, Refund, Adjustment), Tencent ActionType names
    transaction_id VARCHAR,                     -- TransactionID: Tencent id of the order or deduction the charge belongs to
    transaction_time TIMESTAMP,                 -- TransactionTime: when Tencent charged it, Beijing time (UTC+8), no zone stored
    usage_start_time TIMESTAMP,                 -- Usage Start Time: start of the charged usage, Beijing time (UTC+8), no zone stored
    usage_end_time TIMESTAMP,                   -- Usage End Time: end of the charged usage, Beijing time (UTC+8), no zone stored
    component_type VARCHAR,                     -- ComponentType: the billed component kind, e.g. CPU, memory, bandwidth
    component_name VARCHAR,                     -- ComponentName: the billed component
    component_list_price DECIMAL(38,8),         -- Component List Price: list unit price in currency per component_price_unit, excluding tax
    component_contracted_price DECIMAL(38,8),   -- Component Contracted Price: unit price after discount (list price x discount_rate) in currency, excluding tax
    component_price_unit VARCHAR,               -- Component Price Measurement Unit: the unit both prices are per
    component_usage DECIMAL(38,8),              -- Component Usage: quantity used, in component_usage_unit
    component_usage_unit VARCHAR,               -- Component Usage Unit: the unit of component_usage
    usage_duration DECIMAL(38,8),               -- Usage Duration: how long the component was used, in duration_unit
    duration_unit VARCHAR,                      -- Duration Unit: the unit of usage_duration
    reserved_instances VARCHAR,                 -- Reserved Instances: the reserved instance applied, as the bill writes it
    original_cost DECIMAL(38,8),                -- OriginalCost: list price x usage x duration, before discount and vouchers, in currency, excluding tax
    original_cost_after_coupon DECIMAL(38,8),   -- OriginalCost (After Coupon): original_cost after coupons, in currency, excluding tax
    discount_rate DECIMAL(38,8),                -- DiscountRate: the factor applied to original_cost (0.8 means 20 percent off)
    currency VARCHAR,                           -- Currency: ISO code of every amount of the row, e.g. USD
    total_amount_after_discount DECIMAL(38,8),  -- Total Amount After Discount (Excluding Tax): original_cost x discount_rate, in currency
    voucher_deduction DECIMAL(38,8),            -- Voucher Deduction: the part paid by vouchers, in currency, excluding tax
    amount_before_tax DECIMAL(38,8),            -- Amount Before Tax: total_amount_after_discount minus voucher_deduction, in currency
    tax_rate DECIMAL(38,8),                     -- TaxRate: tax rate as a fraction (0.09 means 9 percent)
    tax_amount DECIMAL(38,8),                   -- TaxAmount: amount_before_tax x tax_rate, in currency
    total_cost DECIMAL(38,8),                   -- Total Cost (Including Tax): amount_before_tax plus tax_amount, in currency; what the customer pays (negative for refunds)
    billable_month VARCHAR,                     -- Billable Month (Bill Month in files from November 2024): the month the charge is billed in, as the bill writes it (Beijing time)
    reseller_account_id BIGINT,                 -- Reseller Account ID: UIN of the reseller that directly manages the resource owner (a distributor's second-level reseller, or the partner itself); in files since 2023
    instance_type VARCHAR,                      -- Instance Type: resource package, RI, SP or spot instance; a regular instance shows as a dash
    component_configuration VARCHAR,            -- Component Configuration: the configuration of the billed component (named Configuration Description in L3 files before November 2024)
    sp_deduction DECIMAL(38,8),                 -- SP Deduction: the part of the cost deducted from a savings plan commitment, in currency, excluding tax (SavingsPlanDeduction before November 2024)
    sp_deduction_rate DECIMAL(38,8),            -- SP Deduction Rate: savings plan deduction divided by the cost at savings plan list price, as a fraction (SavingsPlanDeductionRate before November 2024)
    order_id VARCHAR,                           -- Order ID: the order the charge belongs to (subscription purchases); in files from the November 2024 bill month
    region_code VARCHAR,                        -- Region Code: Tencent region id of region, e.g. ap-singapore; in files from the November 2024 bill month
    availability_zone_code VARCHAR,             -- Availability Zone Code: Tencent zone id of availability_zone, e.g. ap-singapore-3; in files from the November 2024 bill month
    discount_object VARCHAR,                    -- Discount Object: who grants the discount, e.g. official website, user or event discount; in files from the November 2024 bill month
    discount_type VARCHAR,                      -- Discount Type: the kind of discount, e.g. discount or contract price; in files from the November 2024 bill month
    discount_content VARCHAR,                   -- Discount Content: the discount detail, e.g. 0.8 for a 20 percent discount; in files from the November 2024 bill month
    extra_columns VARCHAR,                      -- JSON object of the file columns the mapping does not know (header: value); NULL when none; the headers are listed in load_log.extra_columns
    tags VARCHAR,                               -- Cost-allocation tags of the row as JSON object text (tag key: value), from the file's Tag:<key> columns, empty values left out; NULL when none (FOCUS Tags)
    bill_month DATE NOT NULL,                   -- Lineage: first day of the billing month the file was requested for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: customer UIN the row belongs to (the customer the file was requested for, or the row payer in a pack); NULL for the own bill of the account
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw file the row was read from (raw zone, bytes as downloaded)
    source_line BIGINT NOT NULL,                -- Lineage: physical line (1-based) of the raw CSV, or of its pack entry, the record starts on
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
