-- Per customer and month: L3 detail totals against the summary API totals (DescribeBillSummaryByPayMode).
CREATE TABLE IF NOT EXISTS reconciliation (
    bill_month DATE NOT NULL,
    customer_uin BIGINT NOT NULL,
    detail_original_cost DECIMAL(38,8),
    summary_original_cost DECIMAL(38,8),
    detail_voucher_deduction DECIMAL(38,8),
    summary_voucher_pay_amount DECIMAL(38,8),
    detail_total_cost DECIMAL(38,8),
    summary_total_cost DECIMAL(38,8),
    max_difference DECIMAL(38,8),
    tolerance DECIMAL(38,8) NOT NULL,
    status VARCHAR NOT NULL,          -- RECONCILED | UNRECONCILED | MISSING_DETAIL | MISSING_SUMMARY | STALE (one side loaded again since checked_at)
    checked_at TIMESTAMP NOT NULL
);
