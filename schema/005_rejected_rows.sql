-- Rows set aside during a load: where they were in the raw file and why. Append-only, like load_log.
CREATE TABLE IF NOT EXISTS rejected_rows (
    load_id VARCHAR NOT NULL,                   -- The load that set the row aside; joins load_log.load_id
    feed VARCHAR NOT NULL,                      -- Feed of jobs/ that pulled the file
    bill_month DATE NOT NULL,                   -- First day of the billing month the file was requested for (a Tencent month, Beijing time UTC+8)
    customer_uin BIGINT,                        -- Customer UIN of the row (the customer the file was requested for, or the row payer in a pack); NULL for the own bill
    source_key VARCHAR NOT NULL,                -- Object-storage key of the raw file (raw zone), with the pack entry when the file is a ZIP
    source_line BIGINT,                         -- Physical line (1-based) of the raw CSV the record starts on
    reason VARCHAR NOT NULL,                    -- Why the row was rejected, naming the column by its header
    raw_line VARCHAR,                           -- The raw record as it was in the file
    log_file VARCHAR                            -- Folder of the curated file the row was published in (<table>/<log_file>/data.parquet): one per publish of a month and feed; NULL in the files written one per load before
);
