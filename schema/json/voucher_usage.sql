-- voucher_usage from DescribeCustomerVoucherUsageDetails answers (every page of every voucher): one row per UsageDetail.
-- {file} is the loader's copy of the raw NDJSON file (one API answer per line); the loader adds bill_month,
-- source_key and load_id.
-- Amount is a JSON number: the loader hands it to this query as the string of the digits the API sent (DuckDB would
-- read the number as a double), so it is cast to DECIMAL exactly; more than 8 decimals or an exponent fail the file.
-- voucher_id is the int64 VoucherId the request asked for (the answer echoes it); UsageDetail's own VoucherId is a
-- string of undocumented form, used only when neither carries one and it is numeric.
-- The answers must have this shape (schema/README.md); a file whose answers do not fails naming the field:
-- @answer DescribeCustomerVoucherList some
-- @field TotalCount integer
-- @field Data array
-- @field Data[*].VoucherId integer
-- @answer DescribeCustomerVoucherUsageDetails any
-- @field TotalRecordsCount integer
-- @field Data array
-- @field Data[*].Id integer
-- @field Data[*].Amount money
-- @field Data[*].DealName text optional
-- @field Data[*].BillId text optional
-- @field Data[*].PayMode text optional
-- @field Data[*].ProductCode text optional
-- @field Data[*].SubProductCode text optional
-- @field Data[*].ProductCodeName text optional
-- @field Data[*].SubProductCodeName text optional
-- @field Data[*].PayTime time optional
-- @field Data[*].CompletionTime time optional
-- @field Data[*].OwnerUin integer optional
SELECT
    r.customer_uin,
    CAST(i.value ->> 'Id' AS BIGINT) AS id,
    coalesce(TRY_CAST(r.request ->> 'VoucherId' AS BIGINT), TRY_CAST(r.response ->> 'VoucherId' AS BIGINT),
        TRY_CAST(i.value ->> 'VoucherId' AS BIGINT)) AS voucher_id,
    NULLIF(i.value ->> 'DealName', '') AS deal_name,
    NULLIF(i.value ->> 'BillId', '') AS bill_id,
    CAST(NULLIF(i.value ->> 'Amount', '') AS DECIMAL(38,8)) AS amount,
    NULLIF(i.value ->> 'PayMode', '') AS pay_mode,
    NULLIF(i.value ->> 'ProductCode', '') AS product_code,
    NULLIF(i.value ->> 'SubProductCode', '') AS sub_product_code,
    NULLIF(i.value ->> 'ProductCodeName', '') AS product_code_name,
    NULLIF(i.value ->> 'SubProductCodeName', '') AS sub_product_code_name,
    CAST(NULLIF(i.value ->> 'PayTime', '') AS TIMESTAMP) AS pay_time,
    CAST(NULLIF(i.value ->> 'CompletionTime', '') AS TIMESTAMP) AS completion_time,
    CAST(i.value ->> 'OwnerUin' AS BIGINT) AS owner_uin,
    coalesce(NULLIF(r.response ->> 'Month', ''), r.request ->> 'Month') AS month
FROM read_ndjson({file}, columns = {action: 'VARCHAR', customer_uin: 'BIGINT', request: 'JSON', response: 'JSON'}) r,
    json_each(r.response, '$.Data') i
WHERE r.action = 'DescribeCustomerVoucherUsageDetails'
