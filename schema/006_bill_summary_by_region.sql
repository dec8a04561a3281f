-- DescribeBillSummaryByRegion per customer and month (RegionSummaryOverviewItem).
CREATE TABLE IF NOT EXISTS bill_summary_by_region (
    region_id VARCHAR,
    region_name VARCHAR,
    original_cost DECIMAL(38,8),
    voucher_pay_amount DECIMAL(38,8),
    total_cost DECIMAL(38,8),
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
