package io.tcbill.partner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TC3-HMAC-SHA256 request signing (partner-api.md §3.2).
 *
 * <p>The service name is always passed in explicitly: the official SDK derives it from the first label
 * of the endpoint host, which breaks against a local simulator or an egress gateway (partner-api.md §2).
 * Used by the client to sign and by the simulator to verify, so both agree by construction and both are
 * pinned by the published vectors in §3.3.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    public static final String SIGNED_HEADERS = "content-type;host";

    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() {
    }

    /** The Authorization header for a {@code POST /} with the standard signed headers {@code content-type;host}. */
    public static String authorization(String secretId, String secretKey, String service, String host,
                                       long timestamp, String body) {
        String canonicalHeaders = "content-type:" + CONTENT_TYPE + "\nhost:" + host + "\n";
        return authorization(secretId, secretKey, service, canonicalHeaders, SIGNED_HEADERS, timestamp, body);
    }

    /** The Authorization header for any canonical header set (used by the simulator to verify what a caller signed). */
    public static String authorization(String secretId, String secretKey, String service, String canonicalHeaders,
                                       String signedHeaders, long timestamp, String body) {
        String date = UTC_DATE.format(Instant.ofEpochSecond(timestamp));
        String signature = signature(secretKey, service, canonicalHeaders, signedHeaders, timestamp, body);
        return ALGORITHM + " Credential=" + secretId + "/" + date + "/" + service + "/tc3_request"
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    static String signature(String secretKey, String service, String canonicalHeaders, String signedHeaders,
                            long timestamp, String body) {
        String date = UTC_DATE.format(Instant.ofEpochSecond(timestamp));
        String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256Hex(body);
        String credentialScope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + credentialScope + "\n" + sha256Hex(canonicalRequest);
        byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = hmac(secretDate, service);
        byte[] secretSigning = hmac(secretService, "tc3_request");
        return HEX.formatHex(hmac(secretSigning, stringToSign));
    }

    static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
