-- The customers DescribeCustomerUin listed when a month was pulled: one row per customer and month; the customer view derives first/last seen months.
CREATE TABLE IF NOT EXISTS customer_month (
    customer_uin BIGINT NOT NULL,               -- Customer UIN the listing returned
    bill_month DATE NOT NULL,                   -- First day of the billing month being pulled when it was listed (a Tencent month, Beijing time UTC+8)
    load_id VARCHAR NOT NULL                    -- The load that wrote the listing
);
