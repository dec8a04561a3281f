-- The customers the listing actions returned when a month was pulled: one row per customer and month (a distributor's second-level resellers and their customers included); the customer view derives first/last seen months.
CREATE TABLE IF NOT EXISTS customer_month (
    customer_uin BIGINT NOT NULL,               -- Customer UIN the listing returned
    customer_type VARCHAR,                      -- Whose bill the UIN's files are, the CustomerUinType its files were asked with: Customer (a direct customer, DescribeCustomerUin), Reseller (a distributor's second-level reseller, QuerySubAgentsDetailV2) or ResellerCustomer (a second-level reseller's customer, QueryT1IndirectCustomersDetail); NULL in months listed before tcbill recorded it
    reseller_uin BIGINT,                        -- For a ResellerCustomer: UIN of the second-level reseller whose customer it is; NULL for the other types
    bill_month DATE NOT NULL,                   -- First day of the billing month being pulled when it was listed (a Tencent month, Beijing time UTC+8)
    load_id VARCHAR NOT NULL                    -- The load that wrote the listing
);
