-- Per customer and month: L3 detail totals (bill_l3) against the summary API totals (DescribeBillSummaryByPayMode), with the difference.
-- checked_at is a tcbill clock time in UTC (no zone stored).
CREATE TABLE IF NOT EXISTS reconciliation (
    bill_month DATE NOT NULL,                   -- First day of the billing month compared (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT NOT NULL,               -- Customer UIN compared
    detail_original_cost DECIMAL(38,8),         -- Sum of bill_l3 original_cost for the customer and month
    summary_original_cost DECIMAL(38,8),        -- Sum of bill_summary_by_pay_mode original_cost
    detail_voucher_deduction DECIMAL(38,8),     -- Sum of bill_l3 voucher_deduction
    summary_voucher_pay_amount DECIMAL(38,8),   -- Sum of bill_summary_by_pay_mode voucher_pay_amount
    detail_total_cost DECIMAL(38,8),            -- Sum of bill_l3 total_cost (tax included)
    summary_total_cost DECIMAL(38,8),           -- Sum of bill_summary_by_pay_mode total_cost
    max_difference DECIMAL(38,8),               -- Largest absolute difference of the three pairs
    tolerance DECIMAL(38,8) NOT NULL,           -- Largest difference still RECONCILED (tcbill.job.reconcile-tolerance when checked)
    status VARCHAR NOT NULL,                    -- RECONCILED, UNRECONCILED, MISSING_DETAIL, MISSING_SUMMARY, or STALE (one side loaded again since checked_at)
    checked_at TIMESTAMP NOT NULL               -- When tcbill compared, UTC (no zone stored)
);
