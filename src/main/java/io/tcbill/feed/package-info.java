/**
 * The feeds tcbill pulls, read from the declarative descriptors in {@code jobs/}. A feed names the API action and
 * file type that produce a file, the DuckDB table it lands in, when it is scheduled and which {@link io.tcbill.feed.Role}
 * pulls it; code never hard-codes them.
 */
package io.tcbill.feed;
