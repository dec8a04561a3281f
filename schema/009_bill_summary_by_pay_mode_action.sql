-- The nested ActionSummaryOverviewItem rows of DescribeBillSummaryByPayMode.
CREATE TABLE IF NOT EXISTS bill_summary_by_pay_mode_action (
    pay_mode VARCHAR,
    action_type VARCHAR,
    action_type_name VARCHAR,
    original_cost DECIMAL(38,8),
    voucher_pay_amount DECIMAL(38,8),
    total_cost DECIMAL(38,8),
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    load_id VARCHAR NOT NULL
);
