-- Per customer and month: L3 detail totals (bill_l3), and L2 totals (bill_l2) when loaded, against the summary API totals (DescribeBillSummaryByPayMode), with the differences.
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
    status VARCHAR NOT NULL,                    -- RECONCILED, UNRECONCILED, MISSING_DETAIL, MISSING_SUMMARY, L2_UNRECONCILED (L3 matches, L2 beyond l2_tolerance), or STALE (a side loaded again since checked_at)
    l2_rows BIGINT,                             -- Rows of bill_l2 for the customer and month; NULL when the month's L2 was not loaded when checked
    l2_original_cost DECIMAL(38,8),             -- Sum of bill_l2 original_cost (NULL when the month's L2 was not loaded)
    l2_voucher_deduction DECIMAL(38,8),         -- Sum of bill_l2 voucher_deduction (NULL when the month's L2 was not loaded)
    l2_total_cost DECIMAL(38,8),                -- Sum of bill_l2 total_cost (NULL when the month's L2 was not loaded)
    l2_difference DECIMAL(38,8),                -- Largest absolute difference of the three L2 sums against the summary's
    l2_tolerance DECIMAL(38,8),                 -- Largest L2 difference still RECONCILED: tolerance plus tcbill.job.reconcile-l2-row-tolerance per L2 row (Tencent rounds each L2 row to 2 decimals)
    checked_at TIMESTAMP NOT NULL               -- When tcbill compared, UTC (no zone stored)
);
