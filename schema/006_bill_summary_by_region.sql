-- DescribeBillSummaryByRegion per customer and month: one row per RegionSummaryOverviewItem.
-- Amounts are as the API reports them, in the account billing currency (the API names none), exact DECIMAL(38,8).
CREATE TABLE IF NOT EXISTS bill_summary_by_region (
    region_id VARCHAR,                          -- RegionId: Tencent region id, e.g. ap-singapore
    region_name VARCHAR,                        -- RegionName: the region name
    original_cost DECIMAL(38,8),                -- OriginalCost: cost at list price before discount and vouchers
    voucher_pay_amount DECIMAL(38,8),           -- VoucherPayAmount: the part paid by vouchers
    total_cost DECIMAL(38,8),                   -- TotalCost: the total the API reports (compared with bill_l3 total_cost, tax included, in reconciliation)
    bill_month DATE NOT NULL,                   -- Lineage: first day of the billing month asked for (BillMonth, a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Lineage: the customer UIN the API was asked about (CustomerUin)
    source_key VARCHAR NOT NULL,                -- Lineage: object-storage key of the raw NDJSON file of API answers the row was read from
    load_id VARCHAR NOT NULL                    -- Lineage: the load that published the row; joins load_log.load_id
);
