-- The customers DescribeCustomerUin listed when a month was pulled; the `customer` view derives first/last seen months.
CREATE TABLE IF NOT EXISTS customer_month (
    customer_uin BIGINT NOT NULL,
    bill_month DATE NOT NULL,
    load_id VARCHAR NOT NULL
);
