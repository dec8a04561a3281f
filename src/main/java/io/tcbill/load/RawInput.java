package io.tcbill.load;

import java.nio.file.Path;

/**
 * One raw file already on local disk, as archived in object storage.
 *
 * @param localFile   the file to read
 * @param sourceKey   its object-storage key (lineage and messages)
 * @param customerUin the customer the file was requested for; null for the caller's own bill and for a pack
 * @param sha256      hex SHA-256 of the raw bytes, recorded in load_log
 * @param size        size in bytes, recorded in load_log
 * @param pack        the file was requested as a reseller pack (a ZIP of every customer's CSVs); a file that is not what
 *                    was requested (a ZIP for one customer, a CSV for the pack) fails
 */
public record RawInput(Path localFile, String sourceKey, Long customerUin, String sha256, long size, boolean pack) {

    /** A file requested for one customer, or the own bill: never a pack. */
    public RawInput(Path localFile, String sourceKey, Long customerUin, String sha256, long size) {
        this(localFile, sourceKey, customerUin, sha256, size, false);
    }
}
