-- DescribeBillSummaryByProduct per customer and month (BusinessSummaryOverviewItem).
CREATE TABLE IF NOT EXISTS bill_summary_by_product (
    business_code VARCHAR,
    business_code_name VARCHAR,
    original_cost DECIMAL(38,8),
    voucher_pay_amount DECIMAL(38,8),
    total_cost DECIMAL(38,8),
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
