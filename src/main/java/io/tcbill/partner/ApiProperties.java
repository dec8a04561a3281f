package io.tcbill.partner;

import io.tcbill.PlainHttp;
import io.tcbill.feed.Role;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Partner API client ({@code tcbill.api.*}).
 *
 * <p>Secrets come only from the environment ({@code tcbill.api.secret-id=${TENCENTCLOUD_SECRET_ID:}} in
 * application.properties); they are checked at the first call, not here, so commands that never call the API work
 * without them. {@link #toString()} never prints them.
 *
 * @param endpoint          where requests go; signing always uses {@code service}, whatever the host
 * @param role              {@code reseller} (default: customers' bills, commission, summaries, vouchers) or
 *                          {@code customer} (the account's own bills); any case
 * @param secretId          TENCENTCLOUD_SECRET_ID
 * @param secretKey         TENCENTCLOUD_SECRET_KEY
 * @param service           the TC3 service name, {@code intlpartnersmgt}
 * @param version           the API version header
 * @param region            sent as {@code X-TC-Region} when set (the partner actions do not need it)
 * @param connectTimeout    TCP/TLS connect timeout
 * @param readTimeout       longest wait for the response headers of one request
 * @param maxAttempts       attempts per call, including the first, for transient errors
 * @param initialBackoff    first retry delay (exponential, with jitter)
 * @param maxBackoff        cap of the retry delay
 * @param allowInsecureHttp allow {@code http://} to a non-loopback host (e.g. a gateway inside a private network)
 * @param rateLimits        per-action QPS overrides, e.g. {@code tcbill.api.rate-limits.DescribeCustomerUin=10}
 * @param responseTimeout   longest wait for a whole answer, headers and body: a body that stalls half-way fails
 *                          the attempt with the transient {@code Timeout} (retried) instead of hanging
 * @param fileLanguage      language of customer bill files, sent as {@code FileLanguage}: {@code en} (default) or
 *                          {@code zh_cn}; the mappings read both, so a month may be pulled in either
 */
@ConfigurationProperties("tcbill.api")
public record ApiProperties(
        @DefaultValue("https://intlpartnersmgt.intl.tencentcloudapi.com") URI endpoint,
        @DefaultValue("reseller") Role role,
        String secretId,
        String secretKey,
        @DefaultValue("intlpartnersmgt") String service,
        @DefaultValue("2022-09-28") String version,
        String region,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("false") boolean allowInsecureHttp,
        Map<String, Double> rateLimits,
        @DefaultValue("60s") Duration responseTimeout,
        @DefaultValue("en") FileLanguage fileLanguage) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://intlpartnersmgt.intl.tencentcloudapi.com");
    /**
     * Set to {@code true} by the commands that call the API: their context then refuses to start without a key pair
     * (a configuration error naming the variable), instead of failing the run at its first call.
     */
    public static final String CREDENTIALS_REQUIRED = "tcbill.api.credentials-required";

    @ConstructorBinding
    public ApiProperties {
        endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
        role = role == null ? Role.RESELLER : role;
        service = blank(service) ? "intlpartnersmgt" : service;
        version = blank(version) ? "2022-09-28" : version;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(60) : responseTimeout;
        fileLanguage = fileLanguage == null ? FileLanguage.EN : fileLanguage;
        validate(endpoint, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                allowInsecureHttp, rateLimits);
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("tcbill.api.response-timeout must be positive, not " + responseTimeout);
        }
    }

    /** The same with the default response timeout of 60s. */
    public ApiProperties(URI endpoint, Role role, String secretId, String secretKey, String service, String version,
                         String region, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                         Duration initialBackoff, Duration maxBackoff, boolean allowInsecureHttp,
                         Map<String, Double> rateLimits) {
        this(endpoint, role, secretId, secretKey, service, version, region, connectTimeout, readTimeout, maxAttempts,
                initialBackoff, maxBackoff, allowInsecureHttp, rateLimits, null, null);
    }

    /** The same with English bill files. */
    public ApiProperties(URI endpoint, Role role, String secretId, String secretKey, String service, String version,
                         String region, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                         Duration initialBackoff, Duration maxBackoff, boolean allowInsecureHttp,
                         Map<String, Double> rateLimits, Duration responseTimeout) {
        this(endpoint, role, secretId, secretKey, service, version, region, connectTimeout, readTimeout, maxAttempts,
                initialBackoff, maxBackoff, allowInsecureHttp, rateLimits, responseTimeout, null);
    }

    /** Defaults everywhere except where to go and with which key pair (tests, simulator demos). */
    public static ApiProperties of(URI endpoint, String secretId, String secretKey) {
        return new ApiProperties(endpoint, null, secretId, secretKey, null, null, null, null, null, 6, null, null,
                false, null, null, null);
    }

    /** Both halves of the key pair are set (not blank). */
    public boolean hasCredentials() {
        return !blank(secretId) && !blank(secretKey);
    }

    @Override
    public String toString() {
        return "ApiProperties[endpoint=" + endpoint + ", role=" + role + ", secretId=" + redacted(secretId)
                + ", secretKey=" + redacted(secretKey) + ", service=" + service
                + ", version=" + version + ", region=" + region + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", allowInsecureHttp=" + allowInsecureHttp
                + ", rateLimits=" + rateLimits + ", responseTimeout=" + responseTimeout + ", fileLanguage=" + fileLanguage + "]";
    }

    private static void validate(URI endpoint, Duration connectTimeout, Duration readTimeout,
                                 int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                                 boolean allowInsecureHttp, Map<String, Double> rateLimits) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("tcbill.api.endpoint must be an https:// URL with a host, not " + endpoint);
        }
        if (!PlainHttp.permitted(endpoint, allowInsecureHttp)) {
            throw new IllegalArgumentException("tcbill.api.endpoint uses plain http to " + endpoint.getHost()
                    + ", which is not a loopback host; use an https:// endpoint, or set tcbill.api.allow-insecure-http=true"
                    + " (env TCBILL_API_ALLOW_INSECURE_HTTP) for a gateway on a trusted private network");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tcbill.api.max-attempts must be at least 1, not " + maxAttempts);
        }
        for (Duration d : new Duration[] {connectTimeout, readTimeout, initialBackoff, maxBackoff}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tcbill.api timeouts and backoffs must be positive, not " + d);
            }
        }
        rateLimits.forEach((action, qps) -> {
            if (qps == null || !(qps > 0) || qps.isInfinite()) {
                throw new IllegalArgumentException("tcbill.api.rate-limits." + action + " must be a positive QPS, not " + qps);
            }
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String redacted(String secret) {
        return blank(secret) ? "<unset>" : "<redacted>";
    }
}
