/**
 * The S3-compatible object store tcbill keeps raw files in: one shared, thread-safe {@link io.tcbill.storage.ObjectStorage}
 * built from {@code tcbill.storage.*}, pointing at a real endpoint (MinIO, COS, S3) or, when none is configured, at an
 * embedded S3Proxy on 127.0.0.1 that stores objects under a local directory.
 */
package io.tcbill.storage;
