package io.tcbill.transfer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How bill files are downloaded ({@code tcbill.download.*}).
 *
 * @param allowedHosts   hosts a download link may point to: exact names, or {@code *.domain} for any subdomain
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout    longest wait for the response headers and for each read of the body
 * @param partSize       multipart part size; a transfer holds at most two such buffers (at least 5 MB, the S3 minimum)
 * @param maxAttempts    attempts per file, the first included, for transient failures; an attempt that broke off
 *                       after receiving bytes costs half an attempt, a link expiring after it delivered bytes none
 *                       (then the transfer resumes on a fresh link), so a download makes fewer than 4 × this requests
 * @param orphanedUploadAge pending multipart uploads (under {@code raw/}, and {@code tmp/} of earlier versions) older
 *                       than this are left by a crashed run and are aborted (hourly, before an archive)
 * @param allowInsecureHttp allow {@code http://} links to a non-loopback host; otherwise such a link is refused
 *                       (a terminal failure naming the host) before any request is made
 * @param linkDeadline   longest use of one download link, from when it was asked for: the whole transfer on it,
 *                       headers and body, must end within it (at most 1h, the link's validity). A link still
 *                       transferring then (a body trickling in) is dropped and the transfer resumes on a fresh link;
 *                       such an attempt costs like any other failure, so a host that always trickles ends the download
 */
@ConfigurationProperties("tcbill.download")
public record DownloadProperties(@DefaultValue("*.myqcloud.com") List<String> allowedHosts,
                                 @DefaultValue("10s") Duration connectTimeout,
                                 @DefaultValue("5m") Duration readTimeout,
                                 @DefaultValue("8MB") DataSize partSize,
                                 @DefaultValue("4") int maxAttempts,
                                 @DefaultValue("24h") Duration orphanedUploadAge,
                                 @DefaultValue("false") boolean allowInsecureHttp,
                                 @DefaultValue("50m") Duration linkDeadline) {

    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** A download link is valid for one hour (partner-api.md). */
    static final Duration LINK_VALIDITY = Duration.ofHours(1);

    @ConstructorBinding
    public DownloadProperties {
        allowedHosts = allowedHosts == null ? List.of("*.myqcloud.com") : List.copyOf(allowedHosts);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofMinutes(5) : readTimeout;
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        if (partSize.toBytes() < MIN_PART_SIZE || partSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tcbill.download.part-size must be between 5MB and 2GB, was " + partSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tcbill.download.max-attempts must be at least 1, was " + maxAttempts);
        }
        orphanedUploadAge = orphanedUploadAge == null ? Duration.ofHours(24) : orphanedUploadAge;
        if (orphanedUploadAge.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("tcbill.download.orphaned-upload-age must be at least 1h (longer than "
                    + "any transfer), was " + orphanedUploadAge);
        }
        linkDeadline = linkDeadline == null ? Duration.ofMinutes(50) : linkDeadline;
        if (linkDeadline.isNegative() || linkDeadline.isZero() || linkDeadline.compareTo(LINK_VALIDITY) > 0) {
            throw new IllegalArgumentException("tcbill.download.link-deadline must be positive and at most 1h (a link's "
                    + "validity), was " + linkDeadline);
        }
    }

    /** The same with the default link deadline of 50 minutes. */
    public DownloadProperties(List<String> allowedHosts, Duration connectTimeout, Duration readTimeout,
                              DataSize partSize, int maxAttempts, Duration orphanedUploadAge, boolean allowInsecureHttp) {
        this(allowedHosts, connectTimeout, readTimeout, partSize, maxAttempts, orphanedUploadAge, allowInsecureHttp,
                null);
    }

    /** The same with plain http refused to non-loopback hosts. */
    public DownloadProperties(List<String> allowedHosts, Duration connectTimeout, Duration readTimeout,
                              DataSize partSize, int maxAttempts, Duration orphanedUploadAge) {
        this(allowedHosts, connectTimeout, readTimeout, partSize, maxAttempts, orphanedUploadAge, false);
    }

    /** The same with the default orphaned-upload age of 24 hours. */
    public DownloadProperties(List<String> allowedHosts, Duration connectTimeout, Duration readTimeout,
                              DataSize partSize, int maxAttempts) {
        this(allowedHosts, connectTimeout, readTimeout, partSize, maxAttempts, null);
    }

    /** The defaults, with downloads allowed only from {@code hosts}. */
    public static DownloadProperties allowing(String... hosts) {
        return new DownloadProperties(List.of(hosts), null, null, null, 4);
    }
}
