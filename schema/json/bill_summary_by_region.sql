-- bill_summary_by_region from DescribeBillSummaryByRegion answers: one row per RegionSummaryOverviewItem.
-- {file} is the raw NDJSON file (one API answer per line); the loader adds bill_month, source_key and load_id.
-- Amounts arrive as decimal strings and are cast from their text, never through DOUBLE.
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
