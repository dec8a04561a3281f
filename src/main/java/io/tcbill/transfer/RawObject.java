package io.tcbill.transfer;

/**
 * A raw file as archived in object storage.
 *
 * @param key      object key in the raw zone
 * @param sha256   lower-case hex SHA-256 of the bytes as downloaded
 * @param size     bytes
 * @param fileName the sanitised file name of the download link
 */
public record RawObject(String key, String sha256, long size, String fileName) {
}
