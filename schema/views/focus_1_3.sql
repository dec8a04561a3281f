-- bill_l3 as a FinOps FOCUS 1.3 cost and usage dataset, one row per L3 detail row. Periods are UTC (Tencent's
-- Beijing-time months and times minus 8 hours) with exclusive ends. The perspective (tcbill.focus.perspective: payable,
-- the Tencent bill; customer, the reseller's invoice to its customer) and the reseller's name
-- (tcbill.focus.invoice-issuer-name) are written into this view when tcbill creates it. Choices: docs/focus.md.
-- @column BilledCost Total cost including tax of the row (total_cost), in BillingCurrency
-- @column EffectiveCost Cost after discount and voucher, before tax (amount_before_tax)
-- @column ListCost Cost at list price (original_cost)
-- @column ContractedCost Cost after the negotiated discount, before vouchers (total_amount_after_discount)
-- @column BillingCurrency Currency of the bill (currency)
-- @column BillingPeriodStart Start of the Beijing-time bill month in UTC: 16:00 UTC on the day before the first day
-- @column BillingPeriodEnd Exclusive end of the Beijing-time bill month in UTC: 16:00 UTC on the last day of the month
-- @column ChargePeriodStart Usage start time converted from Beijing time to UTC; BillingPeriodStart when the row has no usage period
-- @column ChargePeriodEnd Exclusive usage end in UTC: the inclusive Beijing-time end plus one second minus 8 hours; BillingPeriodEnd when the row has no usage period
-- @column ChargeCategory Usage, Purchase, Credit or Adjustment, from the Tencent transaction type (Adjustment for a type the mapping does not know)
-- @column ChargeClass Correction for a refund, reversal or adjustment whose usage period starts before the billing period, else NULL
-- @column ChargeFrequency One-Time, Recurring or Usage-Based, from the Tencent transaction type
-- @column ChargeDescription Component name, else subproduct name, else product name
-- @column ServiceName Canonical English product name from canonical_product, else the product name as the bill writes it
-- @column ServiceCategory FOCUS service category of the product from canonical_product, Other for a product the list does not know
-- @column ServiceSubcategory FOCUS service subcategory of the product from canonical_product, Other (Other) for a product the list does not know
-- @column ServiceProviderName Always Tencent Cloud, the provider that makes the services available
-- @column HostProviderName Always Tencent Cloud, the provider whose infrastructure runs the services
-- @column ProviderName Deprecated in FOCUS 1.3 and still present: Tencent Cloud
-- @column PublisherName Deprecated in FOCUS 1.3 and still present: Tencent Cloud
-- @column InvoiceIssuerName Tencent Cloud in the payable perspective, the configured reseller name in the customer perspective
-- @column BillingAccountId Payable perspective: payer account id of the bill; customer perspective: the customer UIN (owner account id for the own bill); as text
-- @column BillingAccountName Customer name of the bill (customer_name)
-- @column SubAccountId Owner account id (owner_account_id) as text
-- @column SubAccountName Customer name of the bill (customer_name)
-- @column RegionId Tencent region id: the bill Region Code (files from the November 2024 month on), else the id canonical_region gives for the region name (English or Chinese), NULL for a name it does not list
-- @column RegionName Region name as the bill writes it
-- @column AvailabilityZone Availability zone as the bill writes it
-- @column ResourceId Instance id
-- @column ResourceName Instance name
-- @column ResourceType Subproduct name
-- @column ConsumedQuantity Component usage, for usage charges only
-- @column ConsumedUnit Component usage unit, for usage charges only
-- @column PricingQuantity Component usage times usage duration (1 when no duration)
-- @column PricingUnit Component price measurement unit
-- @column ListUnitPrice Component list price
-- @column ContractedUnitPrice Component contracted price
-- @column PricingCategory Dynamic for spot, Committed for reserved-instance usage, else Standard; NULL for credits and adjustments
-- @column Tags The row's cost-allocation tags (bill_l3.tags): JSON object text of user-defined tag keys and values, NULL when the row has none
-- @column x_TransactionId Tencent transaction id
-- @column x_TransactionType Tencent transaction type as the bill writes it
-- @column x_TransactionTypeMapped False when the transaction type is not in the mapping, so ChargeCategory fell back to Adjustment
-- @column x_Discount Negotiated discount of the row: ListCost minus ContractedCost
-- @column x_DiscountRate Discount rate of the row (discount_rate, 1 = no discount)
-- @column x_VoucherDeduction Voucher deduction of the row
-- @column x_TaxAmount Tax amount of the row, included in BilledCost
-- @column x_CustomerUin Customer UIN the bill was requested for (NULL: the account own bill)
-- @column x_BillMonth First day of the bill month (a Beijing-time month)
-- @column x_SourceKey Object-storage key of the raw file
-- @column x_Perspective payable or customer, the perspective this view was created for
CREATE OR REPLACE VIEW focus_1_3 AS
SELECT
    CAST(b.total_cost AS DECIMAL(38,8))                                  AS "BilledCost",
    CAST(b.amount_before_tax AS DECIMAL(38,8))                           AS "EffectiveCost",
    CAST(b.original_cost AS DECIMAL(38,8))                               AS "ListCost",
    CAST(b.total_amount_after_discount AS DECIMAL(38,8))                 AS "ContractedCost",
    b.currency                                                           AS "BillingCurrency",
    CAST(b.bill_month AS TIMESTAMP) - INTERVAL '8' HOUR                  AS "BillingPeriodStart",
    CAST(b.bill_month AS TIMESTAMP) + INTERVAL '1' MONTH - INTERVAL '8' HOUR AS "BillingPeriodEnd",
    CASE WHEN b.usage_start_time IS NOT NULL AND b.usage_end_time IS NOT NULL AND b.usage_end_time >= b.usage_start_time
         THEN b.usage_start_time - INTERVAL '8' HOUR
         ELSE CAST(b.bill_month AS TIMESTAMP) - INTERVAL '8' HOUR
    END                                                                  AS "ChargePeriodStart",
    CASE WHEN b.usage_start_time IS NOT NULL AND b.usage_end_time IS NOT NULL AND b.usage_end_time >= b.usage_start_time
         THEN b.usage_end_time + INTERVAL '1' SECOND - INTERVAL '8' HOUR
         ELSE CAST(b.bill_month AS TIMESTAMP) + INTERVAL '1' MONTH - INTERVAL '8' HOUR
    END                                                                  AS "ChargePeriodEnd",
    coalesce(t.charge_category, 'Adjustment')                            AS "ChargeCategory",
    CASE WHEN t.correctable = 'yes' AND b.usage_start_time < CAST(b.bill_month AS TIMESTAMP) THEN 'Correction' END
                                                                         AS "ChargeClass",
    coalesce(t.charge_frequency, 'One-Time')                             AS "ChargeFrequency",
    coalesce(b.component_name, b.subproduct_name, b.product_name)        AS "ChargeDescription",
    coalesce(p.product_name, b.product_name)                             AS "ServiceName",
    coalesce(p.focus_service_category, 'Other')                          AS "ServiceCategory",
    coalesce(p.focus_service_subcategory, 'Other (Other)')               AS "ServiceSubcategory",
    'Tencent Cloud'                                                      AS "ServiceProviderName",
    'Tencent Cloud'                                                      AS "HostProviderName",
    'Tencent Cloud'                                                      AS "ProviderName",
    'Tencent Cloud'                                                      AS "PublisherName",
    CASE WHEN '{{tcbill.focus.perspective}}' = 'customer' THEN '{{tcbill.focus.invoice-issuer-name}}' ELSE 'Tencent Cloud' END
                                                                         AS "InvoiceIssuerName",
    CASE WHEN '{{tcbill.focus.perspective}}' = 'customer'
         THEN CAST(coalesce(b.customer_uin, b.owner_account_id) AS VARCHAR)
         ELSE CAST(b.payer_account_id AS VARCHAR)
    END                                                                  AS "BillingAccountId",
    b.customer_name                                                      AS "BillingAccountName",
    CAST(b.owner_account_id AS VARCHAR)                                  AS "SubAccountId",
    b.customer_name                                                      AS "SubAccountName",
    coalesce(b.region_code, cr.region_id)                                AS "RegionId",
    b.region                                                             AS "RegionName",
    b.availability_zone                                                  AS "AvailabilityZone",
    b.instance_id                                                        AS "ResourceId",
    b.instance_name                                                      AS "ResourceName",
    b.subproduct_name                                                    AS "ResourceType",
    CASE WHEN t.charge_category = 'Usage' THEN CAST(b.component_usage AS DECIMAL(38,8)) END AS "ConsumedQuantity",
    CASE WHEN t.charge_category = 'Usage' THEN b.component_usage_unit END AS "ConsumedUnit",
    CAST(b.component_usage * coalesce(b.usage_duration, 1) AS DECIMAL(38,8)) AS "PricingQuantity",
    b.component_price_unit                                               AS "PricingUnit",
    CAST(b.component_list_price AS DECIMAL(38,8))                        AS "ListUnitPrice",
    CAST(b.component_contracted_price AS DECIMAL(38,8))                  AS "ContractedUnitPrice",
    CASE
        WHEN coalesce(t.charge_category, 'Adjustment') NOT IN ('Usage', 'Purchase') THEN NULL
        WHEN lower(b.transaction_type) IN ('spot', '竞价实例', '竞价实例小时结') THEN 'Dynamic'
        WHEN t.charge_category = 'Usage' AND lower(coalesce(b.reserved_instances, 'no')) NOT IN ('no', '', '否') THEN 'Committed'
        ELSE 'Standard'
    END                                                                  AS "PricingCategory",
    CAST(b.tags AS VARCHAR)                                              AS "Tags",
    b.transaction_id                                                     AS "x_TransactionId",
    b.transaction_type                                                   AS "x_TransactionType",
    t.charge_category IS NOT NULL                                        AS "x_TransactionTypeMapped",
    CAST(b.original_cost - b.total_amount_after_discount AS DECIMAL(38,8)) AS "x_Discount",
    CAST(b.discount_rate AS DECIMAL(38,8))                               AS "x_DiscountRate",
    CAST(b.voucher_deduction AS DECIMAL(38,8))                           AS "x_VoucherDeduction",
    CAST(b.tax_amount AS DECIMAL(38,8))                                  AS "x_TaxAmount",
    b.customer_uin                                                       AS "x_CustomerUin",
    b.bill_month                                                         AS "x_BillMonth",
    b.source_key                                                         AS "x_SourceKey",
    CASE WHEN '{{tcbill.focus.perspective}}' = 'customer' THEN 'customer' ELSE 'payable' END AS "x_Perspective"
FROM bill_l3 b
LEFT JOIN canonical_product p ON lower(b.product_name) = lower(p.bill_name)
LEFT JOIN canonical_region cr ON cr.region_name = b.region
LEFT JOIN (VALUES
    ('purchase',                                        'Purchase',   'One-Time',    'no'),
    ('new monthly subscription',                        'Purchase',   'One-Time',    'no'),
    ('renewal',                                         'Purchase',   'Recurring',   'no'),
    ('monthly subscription renewal',                    'Purchase',   'Recurring',   'no'),
    ('modify',                                          'Purchase',   'One-Time',    'no'),
    ('upgrade/downgrade',                               'Purchase',   'One-Time',    'no'),
    ('monthly subscription specification adjustment',   'Purchase',   'One-Time',    'no'),
    ('refund',                                          'Purchase',   'One-Time',    'yes'),
    ('monthly subscription refund',                     'Purchase',   'One-Time',    'yes'),
    ('one-off ri fee',                                  'Purchase',   'One-Time',    'no'),
    ('hourly ri fee',                                   'Purchase',   'Recurring',   'no'),
    ('hourly savings plan fee',                         'Purchase',   'Recurring',   'no'),
    ('pay-as-you-go',                                   'Usage',      'Usage-Based', 'no'),
    ('deduction',                                       'Usage',      'Usage-Based', 'no'),
    ('hourly settlement',                               'Usage',      'Usage-Based', 'no'),
    ('daily settlement',                                'Usage',      'Usage-Based', 'no'),
    ('monthly settlement',                              'Usage',      'Usage-Based', 'no'),
    ('spot',                                            'Usage',      'Usage-Based', 'no'),
    ('pay-as-you-go reversal',                          'Usage',      'Usage-Based', 'yes'),
    ('adjust-cr',                                       'Credit',     'One-Time',    'yes'),
    ('adjustment - compensation',                       'Credit',     'One-Time',    'yes'),
    ('adjust-dr',                                       'Adjustment', 'One-Time',    'yes'),
    ('adjustment - deduction',                          'Adjustment', 'One-Time',    'yes'),
    ('offline project deduction',                       'Adjustment', 'One-Time',    'no'),
    ('offline deduction',                               'Adjustment', 'One-Time',    'no'),
    ('offline product deduction',                       'Adjustment', 'One-Time',    'no'),
    ('guarantee deduction',                             'Adjustment', 'One-Time',    'no'),
    ('minimum spend deduction',                         'Adjustment', 'One-Time',    'no'),
    ('新购',                                            'Purchase',   'One-Time',    'no'),
    ('包年包月新购',                                    'Purchase',   'One-Time',    'no'),
    ('续费',                                            'Purchase',   'Recurring',   'no'),
    ('包年包月续费',                                    'Purchase',   'Recurring',   'no'),
    ('变配',                                            'Purchase',   'One-Time',    'no'),
    ('包年包月变配',                                    'Purchase',   'One-Time',    'no'),
    ('退款',                                            'Purchase',   'One-Time',    'yes'),
    ('包年包月退款',                                    'Purchase',   'One-Time',    'yes'),
    ('预留实例预付费',                                  'Purchase',   'One-Time',    'no'),
    ('预留实例小时费用',                                'Purchase',   'Recurring',   'no'),
    ('节省计划小时费用',                                'Purchase',   'Recurring',   'no'),
    ('按量计费',                                        'Usage',      'Usage-Based', 'no'),
    ('按量计费扣费',                                    'Usage',      'Usage-Based', 'no'),
    ('按量计费小时结',                                  'Usage',      'Usage-Based', 'no'),
    ('按量计费日结',                                    'Usage',      'Usage-Based', 'no'),
    ('按量计费月结',                                    'Usage',      'Usage-Based', 'no'),
    ('竞价实例',                                        'Usage',      'Usage-Based', 'no'),
    ('竞价实例小时结',                                  'Usage',      'Usage-Based', 'no'),
    ('按量计费冲正',                                    'Usage',      'Usage-Based', 'yes'),
    ('调账补偿',                                        'Credit',     'One-Time',    'yes'),
    ('调账扣费',                                        'Adjustment', 'One-Time',    'yes'),
    ('线下项目扣费',                                    'Adjustment', 'One-Time',    'no'),
    ('线下产品扣费',                                    'Adjustment', 'One-Time',    'no'),
    ('保底扣费',                                        'Adjustment', 'One-Time',    'no')
) AS t(transaction_type, charge_category, charge_frequency, correctable) ON lower(b.transaction_type) = t.transaction_type;
