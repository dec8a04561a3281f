-- bill_summary_by_pay_mode_action from DescribeBillSummaryByPayMode answers: one row per ActionSummaryOverviewItem
-- nested in a PayModeSummaryOverviewItem's Detail, with that item's pay_mode.
-- {file} is the loader's copy of the raw NDJSON file (one API answer per line); the loader adds bill_month,
-- source_key and load_id.
-- Amounts are cast from their text, never through DOUBLE (a JSON number reaches this query as the string of its digits).
-- The answers must have this shape (schema/README.md); a file whose answers do not fails naming the field:
-- @answer DescribeBillSummaryByPayMode once
-- @field SummaryOverview array
-- @field SummaryOverview[*].PayMode text
-- @field SummaryOverview[*].Detail array
-- @field SummaryOverview[*].Detail[*].ActionType text
-- @field SummaryOverview[*].Detail[*].ActionTypeName text optional
-- @field SummaryOverview[*].Detail[*].OriginalCost money
-- @field SummaryOverview[*].Detail[*].VoucherPayAmount money
-- @field SummaryOverview[*].Detail[*].TotalCost money
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
