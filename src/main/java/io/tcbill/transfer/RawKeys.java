package io.tcbill.transfer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Raw-zone object keys: {@code raw/{feed}/bill_month=YYYY-MM/customer_uin={uin|self}/{pulledAt}-{fileName}}, with
 * the pull time in UTC to the millisecond and the link's file name reduced to {@code [A-Za-z0-9._-]}.
 */
final class RawKeys {

    private static final DateTimeFormatter PULLED_AT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_FILE_NAME = 200;
    static final String RAW_PREFIX = "raw/";
    static final String CHECKSUM_SUFFIX = ".sha256";
    static final String REJECTED_SUFFIX = ".rejected";

    private RawKeys() {
    }

    static String key(RawTarget target, Instant pulledAt, String fileName) {
        return prefix(target) + PULLED_AT.format(pulledAt) + "-" + fileName;
    }

    /** The object beside a raw object that records its SHA-256, e.g. {@code ....csv.sha256}. */
    static String checksumKey(String key) {
        return key + CHECKSUM_SUFFIX;
    }

    /** The object beside a raw object that failed to load, saying why, e.g. {@code ....csv.rejected}. */
    static String rejectedKey(String key) {
        return key + REJECTED_SUFFIX;
    }

    /** The "folder" of all pulls of one target, ending in {@code /}. */
    static String prefix(RawTarget target) {
        String customer = target.customerUin() == null ? "self" : Long.toString(target.customerUin());
        return RAW_PREFIX + target.feed() + "/bill_month=" + target.month() + "/customer_uin=" + customer + "/";
    }

    /** Last path segment of the link, URL-decoded and sanitised; {@code {feed}.csv} when there is none. */
    static String fileName(URI link, String feed) {
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        String last = "";
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                last = segment;
            }
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = last;
        }
        String name = sanitize(decoded);
        return name.isEmpty() ? feed + ".csv" : name;
    }

    /** A file name reduced to {@code [A-Za-z0-9._-]} and its last 200 characters; empty when nothing is left of it. */
    static String sanitize(String fileName) {
        String name = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > MAX_FILE_NAME) {
            name = name.substring(name.length() - MAX_FILE_NAME);
        }
        return name.replaceAll("[._]", "").isEmpty() ? "" : name;
    }
}
