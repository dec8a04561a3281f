/**
 * Moves a bill file from its one-hour signed download link into the raw zone of object storage: streamed with flat
 * memory (two part buffers), resumed with a byte range after a dropped connection, a short body or an expired link (a
 * fresh link is asked for), checked against the announced length and hashed with SHA-256, written once under a key
 * naming feed, month, customer and pull time, never overwritten, and leaving no staging data behind on failure.
 * {@link io.tcbill.transfer.RawArchiver} is the entry point; it also reads archived objects back, verifying their hash.
 * {@link io.tcbill.transfer.FeedArchiver} archives one file of a feed as its descriptor's format says: a bill file
 * through its link, asked for and awaited ready, or a JSON feed's answers as one NDJSON object.
 */
package io.tcbill.transfer;
