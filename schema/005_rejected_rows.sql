-- Rows set aside during a load: where they were in the raw file and why.
CREATE TABLE IF NOT EXISTS rejected_rows (
    load_id VARCHAR NOT NULL,
    feed VARCHAR NOT NULL,
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    source_line BIGINT,
    reason VARCHAR NOT NULL,
    raw_line VARCHAR
);
