-- bill_summary_by_region from DescribeBillSummaryByRegion answers: one row per RegionSummaryOverviewItem.
-- {file} is the loader's copy of the raw NDJSON file (one API answer per line); the loader adds bill_month,
-- source_key and load_id.
-- Amounts are cast from their text, never through DOUBLE (a JSON number reaches this query as the string of its digits).
-- The answers must have this shape (schema/README.md); a file whose answers do not fails naming the field:
-- @answer DescribeBillSummaryByRegion once
-- @field SummaryOverview array
-- @field SummaryOverview[*].RegionId text
-- @field SummaryOverview[*].RegionName text optional
-- @field SummaryOverview[*].OriginalCost money
-- @field SummaryOverview[*].VoucherPayAmount money
-- @field SummaryOverview[*].TotalCost money
SELECT
    r.customer_uin,
    NULLIF(i.value ->> 'RegionId', '') AS region_id,
    NULLIF(i.value ->> 'RegionName', '') AS region_name,
    CAST(NULLIF(i.value ->> 'OriginalCost', '') AS DECIMAL(38,8)) AS original_cost,
    CAST(NULLIF(i.value ->> 'VoucherPayAmount', '') AS DECIMAL(38,8)) AS voucher_pay_amount,
    CAST(NULLIF(i.value ->> 'TotalCost', '') AS DECIMAL(38,8)) AS total_cost
FROM read_ndjson({file}, columns = {action: 'VARCHAR', customer_uin: 'BIGINT', response: 'JSON'}) r,
    json_each(r.response, '$.SummaryOverview') i
WHERE r.action = 'DescribeBillSummaryByRegion'
