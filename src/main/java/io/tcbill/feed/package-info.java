/**
 * The feeds tcbill pulls, read from the declarative descriptors in {@code jobs/}. A feed names the API action and
 * file type that produce a file, the DuckDB table it lands in and when it is scheduled; code never hard-codes them.
 */
package io.tcbill.feed;
