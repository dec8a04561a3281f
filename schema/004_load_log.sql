-- One row per (feed, bill_month, customer_uin) file load attempt. Append-only: a re-run adds rows, never rewrites them,
-- so a month loaded twice has two rows per file; the load_log_current view keeps the one now published.
-- started_at and finished_at are tcbill clock times in UTC (no zone stored), unlike Tencent bill times (Beijing time).
CREATE TABLE IF NOT EXISTS load_log (
    load_id VARCHAR NOT NULL,                   -- Id of this load attempt; the rows it published carry it in their load_id column
    feed VARCHAR NOT NULL,                      -- Feed of jobs/ that pulled the file: l2, l3, commission, summaries or vouchers
    bill_month DATE NOT NULL,                   -- First day of the billing month the file was requested for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Customer UIN the file was requested for; NULL for the own bill, a reseller pack of all customers and the partner-wide commission file
    status VARCHAR NOT NULL,                    -- LOADED (its rows were published) or FAILED (nothing of the file was published; see error)
    row_count BIGINT NOT NULL,                  -- Rows the file published (0 when FAILED)
    rejected_count BIGINT NOT NULL,             -- Rows set aside into rejected_rows
    raw_sha256 VARCHAR,                         -- Hex SHA-256 of the raw file bytes as archived
    raw_size BIGINT,                            -- Size of the raw file in bytes
    source_key VARCHAR,                         -- Object-storage key of the raw file (raw zone)
    extra_columns VARCHAR,                      -- Headers of the file the mapping does not know, comma-separated (their values are kept in the rows extra_columns and in the raw file); NULL when none
    started_at TIMESTAMP NOT NULL,              -- When tcbill started loading the file, UTC (no zone stored)
    finished_at TIMESTAMP NOT NULL,             -- When tcbill finished loading the file, UTC (no zone stored)
    error VARCHAR,                              -- Why the load failed (one line naming the file); NULL when LOADED
    log_file VARCHAR                            -- Folder of the curated file the row was published in (<table>/<log_file>/data.parquet): one per publish of a month and feed; NULL in the files written one per load before
);
