-- One row per (feed, bill_month, customer_uin) load attempt. Append-only: a re-run adds rows, never rewrites them.
CREATE TABLE IF NOT EXISTS load_log (
    load_id VARCHAR NOT NULL,
    feed VARCHAR NOT NULL,
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    status VARCHAR NOT NULL,          -- LOADED | FAILED
    row_count BIGINT NOT NULL,
    rejected_count BIGINT NOT NULL,
    raw_sha256 VARCHAR,
    raw_size BIGINT,
    source_key VARCHAR,
    extra_columns VARCHAR,            -- headers the mapping does not know, kept in the raw file and reported here
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    error VARCHAR
);
