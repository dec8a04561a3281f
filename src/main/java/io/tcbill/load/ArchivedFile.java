package io.tcbill.load;

import java.nio.file.Path;

/**
 * A raw object the archive step kept, to be loaded: its key and what it was requested as.
 *
 * @param key         its object-storage key
 * @param customerUin the customer it was requested for; null for the own bill and for a pack
 * @param sha256      hex SHA-256 recorded when it was archived
 * @param size        its size in bytes
 * @param pack        it was requested as a reseller pack (what was asked for, not what the bytes look like)
 */
public record ArchivedFile(String key, Long customerUin, String sha256, long size, boolean pack) {

    /** {@code pack}, {@code own file} or {@code customer 800000425835}, for messages. */
    public String label() {
        return label(pack, customerUin);
    }

    static String label(boolean pack, Long customerUin) {
        return pack ? "pack" : customerUin == null ? "own file" : "customer " + customerUin;
    }

    RawInput spooledAt(Path local) {
        return new RawInput(local, key, customerUin, sha256, size, pack);
    }
}
