package io.tcbill.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * COS-like signed links to the simulator's own {@code /cos/} path: {@code /cos/<token>/<file-name>?q-sign-algorithm=
 * sha1&q-ak=..&q-sign-time=<start>;<end>&...&q-signature=<hmac>}. The token names the file and the link (each link
 * issued is distinct, so one can expire while a fresh one works); the signature, an HMAC with a key that lives only in
 * this simulator instance, binds token and validity so a link cannot be altered or extended.
 */
final class DownloadLinks {

    static final String PATH_PREFIX = "/cos/";
    private static final String ACCESS_KEY = "AKIDtcbillSimulatorCos";

    private final BillData data;
    private final Clock clock;
    private final Duration ttl;
    private final byte[] signingKey = new byte[20];
    private final AtomicLong issued = new AtomicLong();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private volatile URI base;

    DownloadLinks(BillData data, Clock clock, Duration ttl) {
        this.data = data;
        this.clock = clock;
        this.ttl = ttl;
        new SecureRandom().nextBytes(signingKey);
    }

    /** Sets where links point to, once the server knows its port. */
    void bind(URI endpoint) {
        this.base = endpoint;
    }

    /** A fresh link to the file, valid from now for the configured time to live. */
    String issue(BillFile file) {
        long start = clock.instant().getEpochSecond();
        long end = start + ttl.toSeconds();
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((file.linkKey() + "#" + issued.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        String signTime = URLEncoder.encode(start + ";" + end, StandardCharsets.UTF_8);
        return base + PATH_PREFIX + token + "/" + data.fileName(file)
                + "?q-sign-algorithm=sha1&q-ak=" + ACCESS_KEY + "&q-sign-time=" + signTime + "&q-key-time=" + signTime
                + "&q-header-list=&q-url-param-list=&q-signature=" + sign(token, start + ";" + end);
    }

    /**
     * The file a requested link names, or the reason it must be refused.
     *
     * @param path  the request path, {@code /cos/<token>/<file-name>}
     * @param query the raw query string
     */
    Resolution resolve(String path, String query) {
        String[] parts = path.substring(PATH_PREFIX.length()).split("/", -1);
        Map<String, String> params = parseQuery(query);
        String signTime = params.get("q-sign-time");
        String signature = params.get("q-signature");
        if (parts.length != 2 || signTime == null || signature == null
                || !MessageDigest.isEqual(sign(parts[0], signTime).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return Resolution.denied(403, "AccessDenied", "Access Denied.");
        }
        long end = Long.parseLong(signTime.substring(signTime.indexOf(';') + 1));
        if (clock.instant().getEpochSecond() > end || expired.contains(parts[0])) {
            return Resolution.denied(403, "AccessDenied", "Request has expired");
        }
        BillFile file;
        try {
            String key = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            file = BillFile.parseKey(key.substring(0, key.lastIndexOf('#')));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Resolution.denied(404, "NoSuchKey", "The specified key does not exist.");
        }
        if (!data.fileName(file).equals(parts[1])) {
            return Resolution.denied(404, "NoSuchKey", "The specified key does not exist.");
        }
        return new Resolution(file, parts[0], 200, null, null);
    }

    /** From now on the link with this token answers 403 "Request has expired", as if its validity had run out. */
    void expire(String token) {
        expired.add(token);
    }

    /** Either a file to serve (and the token of the link asked for) or an HTTP status with a COS error. */
    record Resolution(BillFile file, String token, int status, String code, String message) {
        static Resolution denied(int status, String code, String message) {
            return new Resolution(null, null, status, code, message);
        }
    }

    private String sign(String token, String signTime) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal((token + "\n" + signTime).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
