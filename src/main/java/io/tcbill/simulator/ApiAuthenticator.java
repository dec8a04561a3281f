package io.tcbill.simulator;

import com.sun.net.httpserver.Headers;
import io.tcbill.partner.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a request's TC3-HMAC-SHA256 {@code Authorization} the way the real endpoint does (partner-api.md §3.2,
 * §6.1): known SecretId, service {@code intlpartnersmgt} in the scope, timestamp within five minutes, and the
 * signature recomputed over the headers the caller says it signed.
 */
final class ApiAuthenticator {

    static final String SERVICE = "intlpartnersmgt";
    private static final long MAX_SKEW_SECONDS = 300;
    private static final Pattern AUTHORIZATION = Pattern.compile(Tc3Signer.ALGORITHM
            + " Credential=([^/,\\s]+)/(\\d{4}-\\d{2}-\\d{2})/([^/,\\s]+)/tc3_request,\\s*SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");

    private final Map<String, String> credentials;
    private final Clock clock;

    ApiAuthenticator(Map<String, String> credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Returns normally for a valid request, throws the documented {@code AuthFailure.*} otherwise. */
    void verify(Headers headers, String body) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header is not a valid TC3-HMAC-SHA256 header.");
        }
        String secretId = m.group(1);
        String secretKey = credentials.get(secretId);
        if (secretKey == null) {
            throw new ApiError("AuthFailure.SecretIdNotFound", "The SecretId `" + secretId + "` is not found.");
        }
        if (!SERVICE.equals(m.group(3))) {
            throw ApiError.signatureFailure("credential scope names service `" + m.group(3) + "`, expected `" + SERVICE + "`");
        }
        long timestamp = timestamp(headers);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > MAX_SKEW_SECONDS) {
            throw new ApiError("AuthFailure.SignatureExpire",
                    "Timestamp and server time cannot differ by more than five minutes (server time " + Instant.ofEpochSecond(now) + ").");
        }
        if (!m.group(2).equals(Instant.ofEpochSecond(timestamp).atOffset(ZoneOffset.UTC).toLocalDate().toString())) {
            throw ApiError.signatureFailure("credential date is not the UTC date of X-TC-Timestamp");
        }
        String signedHeaders = m.group(4);
        String expected = Tc3Signer.authorization(secretId, secretKey, SERVICE, canonicalHeaders(headers, signedHeaders),
                signedHeaders, timestamp, body);
        String expectedSignature = expected.substring(expected.lastIndexOf('=') + 1);
        if (!MessageDigest.isEqual(expectedSignature.getBytes(StandardCharsets.US_ASCII),
                m.group(5).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.signatureFailure("signature mismatch");
        }
    }

    private static long timestamp(Headers headers) {
        String value = headers.getFirst("X-TC-Timestamp");
        if (value == null || value.isBlank()) {
            throw ApiError.missingParameter("X-TC-Timestamp");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("InvalidParameter", "X-TC-Timestamp must be UNIX seconds, was `" + value + "`.");
        }
    }

    /** {@code name:value\n} for every signed header, in the caller's order; {@code x-tc-action} is lowercased (§3.3 B). */
    private static String canonicalHeaders(Headers headers, String signedHeaders) {
        StringBuilder canonical = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = headers.getFirst(name);
            if (value == null) {
                throw ApiError.signatureFailure("signed header `" + name + "` is not in the request");
            }
            value = value.trim();
            if (name.equals("x-tc-action")) {
                value = value.toLowerCase(Locale.ROOT);
            }
            canonical.append(name).append(':').append(value).append('\n');
        }
        return canonical.toString();
    }
}
