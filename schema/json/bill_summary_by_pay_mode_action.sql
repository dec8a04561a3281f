-- bill_summary_by_pay_mode_action from DescribeBillSummaryByPayMode answers: one row per ActionSummaryOverviewItem
-- nested in a PayModeSummaryOverviewItem's Detail, with that item's pay_mode.
-- {file} is the raw NDJSON file (one API answer per line); the loader adds bill_month, source_key and load_id.
-- Amounts arrive as decimal strings and are cast from their text, never through DOUBLE.
SELECT
    r.customer_uin,
    NULLIF(p.value ->> 'PayMode', '') AS pay_mode,
    NULLIF(a.value ->> 'ActionType', '') AS action_type,
    NULLIF(a.value ->> 'ActionTypeName', '') AS action_type_name,
    CAST(NULLIF(a.value ->> 'OriginalCost', '') AS DECIMAL(38,8)) AS original_cost,
    CAST(NULLIF(a.value ->> 'VoucherPayAmount', '') AS DECIMAL(38,8)) AS voucher_pay_amount,
    CAST(NULLIF(a.value ->> 'TotalCost', '') AS DECIMAL(38,8)) AS total_cost
FROM read_ndjson({file}, columns = {action: 'VARCHAR', customer_uin: 'BIGINT', response: 'JSON'}) r,
    json_each(r.response, '$.SummaryOverview') p,
    json_each(p.value, '$.Detail') a
WHERE r.action = 'DescribeBillSummaryByPayMode'
