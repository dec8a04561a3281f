-- The loads now published: load_log keeps every attempt (append-only), this view keeps, per feed and month, the newest
-- LOADED load of each file kind (own bill, each customer, reseller pack), so a month loaded twice counts once.
-- A customer file is replaced by a newer file of that customer or a newer pack; a pack stays current for the customers
-- no newer customer file replaced. Ties in finished_at go to the larger load_id. Times are tcbill clock times in UTC.
-- @column load_id Id of the load; the published rows carry it in their load_id column
-- @column feed Feed of jobs/ that pulled the file
-- @column bill_month First day of the billing month (a Tencent month, Beijing time UTC+8)
-- @column customer_uin Customer UIN the file was requested for; NULL for the own bill, a pack and the commission file
-- @column coverage Which rows the file replaced: customer (one customer), pack (every customer of a reseller pack) or own (the own bill, or the partner-wide commission file)
-- @column row_count Rows the file published
-- @column rejected_count Rows set aside into rejected_rows
-- @column raw_sha256 Hex SHA-256 of the raw file bytes
-- @column raw_size Size of the raw file in bytes
-- @column source_key Object-storage key of the raw file (raw zone)
-- @column extra_columns Headers of the file the mapping does not know, comma-separated; NULL when none
-- @column started_at When tcbill started loading the file, UTC (no zone stored)
-- @column finished_at When tcbill finished loading the file, UTC (no zone stored)
CREATE OR REPLACE VIEW load_log_current AS
WITH loaded AS (
    SELECT load_id, feed, bill_month, customer_uin,
           CASE WHEN customer_uin IS NOT NULL THEN 'customer'
                WHEN load_id LIKE feed || '_%_pack_%' THEN 'pack'
                ELSE 'own' END AS coverage,
           row_count, rejected_count, raw_sha256, raw_size, source_key, extra_columns, started_at, finished_at
    FROM load_log
    WHERE status = 'LOADED'
)
SELECT l.load_id, l.feed, l.bill_month, l.customer_uin, l.coverage, l.row_count, l.rejected_count, l.raw_sha256,
       l.raw_size, l.source_key, l.extra_columns, l.started_at, l.finished_at
FROM loaded l
WHERE NOT EXISTS (
    SELECT 1 FROM loaded n
    WHERE n.feed = l.feed AND n.bill_month = l.bill_month
      AND (n.finished_at > l.finished_at OR (n.finished_at = l.finished_at AND n.load_id > l.load_id))
      AND ((n.coverage = l.coverage AND (l.coverage <> 'customer' OR n.customer_uin = l.customer_uin))
           OR (n.coverage = 'pack' AND l.coverage = 'customer'))
);
