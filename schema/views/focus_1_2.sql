-- bill_l3 in the FinOps FOCUS 1.2 column set, one row per L3 detail row, kept unchanged for existing users
-- (focus_1_3 is the current FOCUS view). Every mapping choice is written down in docs/focus.md.
-- @column BilledCost Total cost including tax of the row (total_cost), in BillingCurrency
-- @column EffectiveCost Cost after discount and voucher, before tax (amount_before_tax)
-- @column ListCost Cost at list price (original_cost)
-- @column ContractedCost Cost after the negotiated discount, before vouchers (total_amount_after_discount)
-- @column BillingCurrency Currency of the bill (currency)
-- @column BillingPeriodStart First day of the bill month at 00:00, a local date-time in Beijing time (UTC+8) without zone
-- @column BillingPeriodEnd First day of the next month at 00:00 (exclusive), Beijing time (UTC+8) without zone
-- @column ChargePeriodStart Usage start time, else transaction time, else BillingPeriodStart; Beijing time (UTC+8) without zone
-- @column ChargePeriodEnd Usage end time as the bill writes it (inclusive 23:59:59 style), else transaction time, else BillingPeriodEnd; Beijing time (UTC+8) without zone
-- @column ChargeCategory Credit for refunds and reversals, Adjustment for adjustments, Purchase for subscriptions, else Usage
-- @column ChargeClass Correction for refunds and reversals, else NULL
-- @column ChargeFrequency Recurring for subscriptions, else Usage-Based
-- @column ChargeDescription Component name, else subproduct name, else product name
-- @column ServiceName Product name as the bill writes it (English or Chinese)
-- @column ServiceCategory FOCUS service category from keywords of the product name, Other when none matches
-- @column ServiceSubcategory Subproduct name as the bill writes it (not a FOCUS allowed value)
-- @column ProviderName Always Tencent Cloud
-- @column PublisherName Always Tencent Cloud
-- @column InvoiceIssuerName Always Tencent Cloud
-- @column BillingAccountId Payer account id (payer_account_id) as text
-- @column BillingAccountName Customer name of the bill (customer_name)
-- @column SubAccountId Owner account id (owner_account_id) as text
-- @column SubAccountName Customer name of the bill (customer_name)
-- @column RegionId Tencent region id: the bill Region Code (files from the November 2024 month on), else the id canonical_region gives for the region name (English or Chinese), NULL for a name it does not list
-- @column RegionName Region name as the bill writes it
-- @column AvailabilityZone Availability zone as the bill writes it
-- @column ResourceId Instance id
-- @column ResourceName Instance name
-- @column ResourceType Subproduct name
-- @column ConsumedQuantity Component usage
-- @column ConsumedUnit Component usage unit
-- @column PricingQuantity Component usage times usage duration (1 when no duration)
-- @column PricingUnit Component price measurement unit
-- @column ListUnitPrice Component list price
-- @column ContractedUnitPrice Component contracted price
-- @column PricingCategory Committed for prepaid subscriptions, else Standard
-- @column x_TransactionId Tencent transaction id
-- @column x_TransactionType Tencent transaction type as the bill writes it
-- @column x_VoucherDeduction Voucher deduction of the row
-- @column x_TaxAmount Tax amount of the row
-- @column x_CustomerUin Customer UIN the bill was requested for (NULL: the account's own bill)
-- @column x_BillMonth First day of the bill month (a Beijing-time month)
-- @column x_SourceKey Object-storage key of the raw file
CREATE OR REPLACE VIEW focus_1_2 AS
SELECT
    CAST(total_cost AS DECIMAL(38,8))                                    AS "BilledCost",
    CAST(amount_before_tax AS DECIMAL(38,8))                             AS "EffectiveCost",
    CAST(original_cost AS DECIMAL(38,8))                                 AS "ListCost",
    CAST(total_amount_after_discount AS DECIMAL(38,8))                   AS "ContractedCost",
    currency                                                             AS "BillingCurrency",
    CAST(bill_month AS TIMESTAMP)                                        AS "BillingPeriodStart",
    CAST(bill_month AS TIMESTAMP) + INTERVAL '1' MONTH                   AS "BillingPeriodEnd",
    coalesce(usage_start_time, transaction_time, CAST(bill_month AS TIMESTAMP)) AS "ChargePeriodStart",
    coalesce(usage_end_time, transaction_time, CAST(bill_month AS TIMESTAMP) + INTERVAL '1' MONTH) AS "ChargePeriodEnd",
    CASE
        WHEN lower(transaction_type) LIKE '%refund%' OR lower(transaction_type) LIKE '%reversal%'
             OR transaction_type LIKE '%退款%' OR transaction_type LIKE '%冲正%' THEN 'Credit'
        WHEN lower(transaction_type) LIKE '%adjust%' OR transaction_type LIKE '%调账%' THEN 'Adjustment'
        WHEN lower(billing_mode) LIKE '%monthly%' OR lower(billing_mode) LIKE 'prepa%'
             OR lower(billing_mode) LIKE '%subscription%' OR billing_mode LIKE '%包年包月%' THEN 'Purchase'
        ELSE 'Usage'
    END                                                                  AS "ChargeCategory",
    CASE WHEN lower(transaction_type) LIKE '%refund%' OR lower(transaction_type) LIKE '%reversal%'
              OR transaction_type LIKE '%退款%' OR transaction_type LIKE '%冲正%' THEN 'Correction' END
                                                                         AS "ChargeClass",
    CASE
        WHEN lower(billing_mode) LIKE '%monthly%' OR lower(billing_mode) LIKE 'prepa%'
             OR lower(billing_mode) LIKE '%subscription%' OR billing_mode LIKE '%包年包月%' THEN 'Recurring'
        ELSE 'Usage-Based'
    END                                                                  AS "ChargeFrequency",
    coalesce(component_name, subproduct_name, product_name)              AS "ChargeDescription",
    product_name                                                         AS "ServiceName",
    CASE
        WHEN lower(product_name) LIKE '%virtual machine%' OR lower(product_name) LIKE '%cvm%'
             OR lower(product_name) LIKE '%compute%' OR lower(product_name) LIKE '%lighthouse%'
             OR lower(product_name) LIKE '%serverless%' THEN 'Compute'
        WHEN lower(product_name) LIKE '%storage%' OR lower(product_name) LIKE '%cos%'
             OR lower(product_name) LIKE '%cbs%' THEN 'Storage'
        WHEN lower(product_name) LIKE '%db%' OR lower(product_name) LIKE '%database%' OR lower(product_name) LIKE '%mysql%'
             OR lower(product_name) LIKE '%redis%' OR lower(product_name) LIKE '%mongo%'
             OR lower(product_name) LIKE '%postgres%' THEN 'Databases'
        WHEN lower(product_name) LIKE '%load balancer%' OR lower(product_name) LIKE '%cdn%'
             OR lower(product_name) LIKE '%content delivery%' OR lower(product_name) LIKE '%network%'
             OR lower(product_name) LIKE '%vpc%' OR lower(product_name) LIKE '%ip%' THEN 'Networking'
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
    coalesce(region_code, cr.region_id)                                  AS "RegionId",
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
    CASE WHEN lower(billing_mode) LIKE '%monthly%' OR lower(billing_mode) LIKE 'prepa%' OR billing_mode LIKE '%包年包月%'
         THEN 'Committed' ELSE 'Standard' END
                                                                         AS "PricingCategory",
    transaction_id                                                       AS "x_TransactionId",
    transaction_type                                                     AS "x_TransactionType",
    CAST(voucher_deduction AS DECIMAL(38,8))                             AS "x_VoucherDeduction",
    CAST(tax_amount AS DECIMAL(38,8))                                    AS "x_TaxAmount",
    customer_uin                                                         AS "x_CustomerUin",
    bill_month                                                           AS "x_BillMonth",
    source_key                                                           AS "x_SourceKey"
FROM bill_l3
LEFT JOIN canonical_region cr ON cr.region_name = bill_l3.region;
