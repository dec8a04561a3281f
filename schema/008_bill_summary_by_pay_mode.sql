-- DescribeBillSummaryByPayMode per customer and month (PayModeSummaryOverviewItem).
CREATE TABLE IF NOT EXISTS bill_summary_by_pay_mode (
    pay_mode VARCHAR,
    pay_mode_name VARCHAR,
    original_cost DECIMAL(38,8),
    voucher_pay_amount DECIMAL(38,8),
    total_cost DECIMAL(38,8),
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
