-- bill_l3 in the FinOps FOCUS 1.2 column set. Every mapping choice is written down in docs/focus.md.
CREATE OR REPLACE VIEW focus_1_2 AS
SELECT
    CAST(total_cost AS DECIMAL(38,8))                                    AS "BilledCost",
    CAST(amount_before_tax AS DECIMAL(38,8))                             AS "EffectiveCost",
    CAST(original_cost AS DECIMAL(38,8))                                 AS "ListCost",
    CAST(total_amount_after_discount AS DECIMAL(38,8))                   AS "ContractedCost",
    currency                                                             AS "BillingCurrency",
    (bill_month + INTERVAL 0 DAY)                                        AS "BillingPeriodStart",
    (bill_month + INTERVAL 1 MONTH)                     AS "BillingPeriodEnd",
    coalesce(usage_start_time, transaction_time, (bill_month + INTERVAL 0 DAY)) AS "ChargePeriodStart",
    coalesce(usage_end_time, transaction_time, (bill_month + INTERVAL 1 MONTH)) AS "ChargePeriodEnd",
    CASE
        WHEN transaction_type ILIKE '%refund%' OR transaction_type ILIKE '%reversal%' THEN 'Credit'
        WHEN transaction_type ILIKE '%adjust%' THEN 'Adjustment'
        WHEN billing_mode ILIKE '%monthly%' OR billing_mode ILIKE 'prepa%' OR billing_mode ILIKE '%subscription%' THEN 'Purchase'
        ELSE 'Usage'
    END                                                                  AS "ChargeCategory",
    CASE WHEN transaction_type ILIKE '%refund%' OR transaction_type ILIKE '%reversal%' THEN 'Correction' END AS "ChargeClass",
    CASE
        WHEN billing_mode ILIKE '%monthly%' OR billing_mode ILIKE 'prepa%' OR billing_mode ILIKE '%subscription%' THEN 'Recurring'
        ELSE 'Usage-Based'
    END                                                                  AS "ChargeFrequency",
    coalesce(component_name, subproduct_name, product_name)              AS "ChargeDescription",
    product_name                                                         AS "ServiceName",
    CASE
        WHEN product_name ILIKE '%virtual machine%' OR product_name ILIKE '%cvm%' OR product_name ILIKE '%compute%'
             OR product_name ILIKE '%lighthouse%' OR product_name ILIKE '%serverless%' THEN 'Compute'
        WHEN product_name ILIKE '%storage%' OR product_name ILIKE '%cos%' OR product_name ILIKE '%cbs%' THEN 'Storage'
        WHEN product_name ILIKE '%db%' OR product_name ILIKE '%database%' OR product_name ILIKE '%mysql%'
             OR product_name ILIKE '%redis%' OR product_name ILIKE '%mongo%' OR product_name ILIKE '%postgres%' THEN 'Databases'
        WHEN product_name ILIKE '%load balancer%' OR product_name ILIKE '%cdn%' OR product_name ILIKE '%content delivery%'
             OR product_name ILIKE '%network%' OR product_name ILIKE '%vpc%' OR product_name ILIKE '%ip%' THEN 'Networking'
        ELSE 'Other'
    END                                                                  AS "ServiceCategory",
    subproduct_name                                                      AS "ServiceSubcategory",
    'Tencent Cloud'                                                      AS "ProviderName",
    'Tencent Cloud'                                                      AS "PublisherName",
    'Tencent Cloud'                                                      AS "InvoiceIssuerName",
    CAST(payer_account_id AS VARCHAR)                                    AS "BillingAccountId",
    customer_name                                                        AS "BillingAccountName",
    CAST(owner_account_id AS VARCHAR)                                    AS "SubAccountId",
    customer_name                                                        AS "SubAccountName",
    CASE region
        WHEN 'Singapore' THEN 'ap-singapore' WHEN 'Hong Kong, China' THEN 'ap-hongkong'
        WHEN 'Frankfurt' THEN 'eu-frankfurt' WHEN 'Silicon Valley' THEN 'na-siliconvalley'
        WHEN 'Virginia' THEN 'na-ashburn' WHEN 'Tokyo' THEN 'ap-tokyo' WHEN 'Seoul' THEN 'ap-seoul'
        WHEN 'Bangkok' THEN 'ap-bangkok' WHEN 'Jakarta' THEN 'ap-jakarta' WHEN 'Mumbai' THEN 'ap-mumbai'
        WHEN 'Sao Paulo' THEN 'sa-saopaulo' WHEN 'Toronto' THEN 'na-toronto'
    END                                                                  AS "RegionId",
    region                                                               AS "RegionName",
    availability_zone                                                    AS "AvailabilityZone",
    instance_id                                                          AS "ResourceId",
    instance_name                                                        AS "ResourceName",
    subproduct_name                                                      AS "ResourceType",
    CAST(component_usage AS DECIMAL(38,8))                               AS "ConsumedQuantity",
    component_usage_unit                                                 AS "ConsumedUnit",
    CAST(component_usage * coalesce(usage_duration, 1) AS DECIMAL(38,8)) AS "PricingQuantity",
    component_price_unit                                                 AS "PricingUnit",
    CAST(component_list_price AS DECIMAL(38,8))                          AS "ListUnitPrice",
    CAST(component_contracted_price AS DECIMAL(38,8))                    AS "ContractedUnitPrice",
    CASE WHEN billing_mode ILIKE '%monthly%' OR billing_mode ILIKE 'prepa%' THEN 'Committed' ELSE 'Standard' END AS "PricingCategory",
    transaction_id                                                       AS "x_TransactionId",
    transaction_type                                                     AS "x_TransactionType",
    CAST(voucher_deduction AS DECIMAL(38,8))                             AS "x_VoucherDeduction",
    CAST(tax_amount AS DECIMAL(38,8))                                    AS "x_TaxAmount",
    customer_uin                                                         AS "x_CustomerUin",
    bill_month                                                           AS "x_BillMonth",
    source_key                                                           AS "x_SourceKey"
FROM bill_l3;
