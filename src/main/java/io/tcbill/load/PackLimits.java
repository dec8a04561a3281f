package io.tcbill.load;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much a reseller pack may unpack to, checked while its entries are inflated (counted bytes, never the sizes the
 * ZIP claims), so a zip bomb stops at the limit instead of filling the disk.
 *
 * @param maxBytes      uncompressed bytes of all entries of one pack together
 * @param maxEntryBytes uncompressed bytes of one entry
 * @param maxEntries    entries of one pack (directories included)
 * @param maxRatio      uncompressed bytes per compressed byte, of each entry and of the whole pack; CSV text packs about
 *                      5 to 20 times, a run of zeros about 1,000 times
 * @param ratioFloor    the ratio is checked only once an entry (or the pack) has inflated to more than this, so small
 *                      entries, which compress unevenly, never trip it
 */
@ConfigurationProperties("tcbill.pack")
public record PackLimits(@DefaultValue("16GB") DataSize maxBytes, @DefaultValue("4GB") DataSize maxEntryBytes,
                         @DefaultValue("10000") int maxEntries, @DefaultValue("100") int maxRatio,
                         @DefaultValue("1MB") DataSize ratioFloor) {

    public PackLimits {
        maxBytes = maxBytes == null ? DataSize.ofGigabytes(16) : maxBytes;
        maxEntryBytes = maxEntryBytes == null ? DataSize.ofGigabytes(4) : maxEntryBytes;
        ratioFloor = ratioFloor == null ? DataSize.ofMegabytes(1) : ratioFloor;
        positive("tcbill.pack.max-bytes", maxBytes.toBytes());
        positive("tcbill.pack.max-entry-bytes", maxEntryBytes.toBytes());
        positive("tcbill.pack.max-entries", maxEntries);
        positive("tcbill.pack.max-ratio", maxRatio);
        if (ratioFloor.isNegative()) {
            throw new IllegalArgumentException("tcbill.pack.ratio-floor must not be negative, was " + ratioFloor);
        }
    }

    /** The documented defaults. */
    public static PackLimits defaults() {
        return new PackLimits(null, null, 10_000, 100, null);
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }
}
