package io.tcbill.load;

import java.nio.file.Path;

/**
 * One raw CSV already on local disk, as archived in object storage.
 *
 * @param localFile   the CSV to read
 * @param sourceKey   its object-storage key (lineage and messages)
 * @param customerUin the customer the file was requested for; null for the caller's own bill
 * @param sha256      hex SHA-256 of the raw bytes, recorded in load_log
 * @param size        size in bytes, recorded in load_log
 */
public record RawInput(Path localFile, String sourceKey, Long customerUin, String sha256, long size) {
}
