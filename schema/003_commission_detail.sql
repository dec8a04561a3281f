-- Commission file (working assumption, bill-files.md).
-- Columns and types are the analyst contract of bill-files.md; lineage columns last.
CREATE TABLE IF NOT EXISTS commission_detail (
    commission_month VARCHAR,
    reseller_account_id BIGINT,
    customer_account_id BIGINT,
    customer_name VARCHAR,
    product_name VARCHAR,
    subproduct_name VARCHAR,
    billing_mode VARCHAR,
    transaction_type VARCHAR,
    transaction_id VARCHAR,
    transaction_time TIMESTAMP,
    commissionable_amount DECIMAL(38,8),
    commission_rate DECIMAL(38,8),
    commission_amount DECIMAL(38,8),
    currency VARCHAR,
    extra_columns VARCHAR,        -- JSON object of the columns the mapping does not know (NULL when none)
    bill_month DATE NOT NULL,
    customer_uin BIGINT,
    source_key VARCHAR NOT NULL,
    source_line BIGINT NOT NULL,
    load_id VARCHAR NOT NULL
);
