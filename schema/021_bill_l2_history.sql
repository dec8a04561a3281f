-- Earlier versions of bill_l2, the bills by instance (L2): the rows a re-pull of the month replaced with different content, kept with the load
-- that replaced them. Append-only, one file per replacing load; bill_l2 itself only ever holds the current version. A
-- customer's rows are kept here only when the re-pull changed them (compared ignoring the lineage columns source_key,
-- source_line and load_id); a re-pull with identical rows adds nothing. The bill_changes view compares the versions.
CREATE TABLE IF NOT EXISTS bill_l2_history (
    -- @columns-of bill_l2
    superseded_by_load_id VARCHAR NOT NULL,     -- The load whose rows replaced this version of the customer's month; joins load_log.load_id and the load_id of the rows that replaced it
    superseded_at TIMESTAMP NOT NULL            -- When tcbill replaced this version, UTC (no zone stored)
);
