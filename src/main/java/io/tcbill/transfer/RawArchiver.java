package io.tcbill.transfer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcbill.storage.ObjectStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives bill files: download link → raw zone of object storage, streamed through two part-size buffers (one receiving while the other uploads), length-checked,
 * SHA-256 recorded, under a new key per pull (see {@link RawKeys}); an existing object is never overwritten. A download
 * that breaks resumes where it stopped, on a fresh link from the {@link LinkSource} when the old one expired (see
 * {@link ResumableDownload} and {@link AttemptBudget} for what is retried and how often). Local files (the NDJSON of
 * the JSON feeds) are archived the same way by {@link #archiveFile}, transient storage errors retried with exponential
 * backoff up to {@code tcbill.download.max-attempts}. Before its first archive, and hourly after, it aborts multipart
 * uploads that crashed runs left pending ({@link OrphanedUploads}). Bytes, durations and retries go to the
 * Micrometer registry it was given, if any. Thread-safe: each call holds its own buffer.
 */
public final class RawArchiver {

    private static final Logger log = LoggerFactory.getLogger(RawArchiver.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int MAX_KEY_PROBES = 1000;

    private final DownloadProperties props;
    private final ResumableDownload.Setup downloads;
    private final RawObjectWriter writer;
    private final RawObjectReader reader;
    private final OrphanedUploads orphans;
    private final Clock clock;
    private final Duration firstBackoff;
    private final TransferMetrics metrics;

    /** An archiver that records no metrics (bench, tests). */
    public RawArchiver(ObjectStorage storage, DownloadProperties p) {
        this(storage, p, (MeterRegistry) null);
    }

    /** An archiver reporting bytes, durations and retries to {@code registry} (null: none). */
    public RawArchiver(ObjectStorage storage, DownloadProperties p, MeterRegistry registry) {
        this(storage, p, Clock.systemUTC(), FIRST_BACKOFF, registry);
    }

    RawArchiver(ObjectStorage storage, DownloadProperties p, Clock clock) {
        this(storage, p, clock, FIRST_BACKOFF);
    }

    RawArchiver(ObjectStorage storage, DownloadProperties p, Clock clock, Duration firstBackoff) {
        this(storage, p, clock, firstBackoff, null);
    }

    private RawArchiver(ObjectStorage storage, DownloadProperties p, Clock clock, Duration firstBackoff,
                        MeterRegistry registry) {
        this.props = p;
        this.metrics = new TransferMetrics(registry);
        this.writer = new RawObjectWriter(storage, (int) p.partSize().toBytes());
        this.downloads = new ResumableDownload.Setup(new HostAllowList(p.allowedHosts(), p.allowInsecureHttp()),
                new LinkDownload(p.connectTimeout(), p.readTimeout()), writer, p.maxAttempts(), firstBackoff, metrics,
                p.linkDeadline());
        this.reader = new RawObjectReader(storage);
        this.orphans = new OrphanedUploads(storage.client(), storage.bucket(), p.orphanedUploadAge(), Clock.systemUTC());
        this.clock = clock;
        this.firstBackoff = firstBackoff;
    }

    /**
     * Downloads the file behind {@code links} into a new raw object; returns its key, size and SHA-256. Throws a
     * {@link TransferException} naming the target, the key it was meant to get and why (e.g. {@code truncated: got X
     * of Y bytes}); the first link is asked for once, and its failure (e.g. the file never became ready) propagates
     * as the {@link LinkSource} threw it.
     */
    public RawObject archive(RawTarget target, LinkSource links) {
        return archive(target, links, received -> { });
    }

    /**
     * {@link #archive(RawTarget, LinkSource)}, telling {@code progress} the bytes received so far as the download goes
     * (after each part, from the downloading thread; less after a restart from byte 0), for a progress display.
     */
    public RawObject archive(RawTarget target, LinkSource links, LongConsumer progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(progress, "progress");
        orphans.sweepIfDue();
        Instant pulledAt = clock.instant();
        long started = System.nanoTime();
        RawObject raw = recorded(target, "link", started, () -> download(target, links, pulledAt, progress));
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        log.info("Archived {} as {}: {} bytes, {} MB/s, sha256 {}…", target, raw.key(), raw.size(),
                String.format("%.1f", raw.size() / 1e6 / seconds), raw.sha256().substring(0, 12));
        return raw;
    }

    private RawObject download(RawTarget target, LinkSource links, Instant pulledAt, LongConsumer progress) {
        return new ResumableDownload(downloads, target, links, progress).run(new ResumableDownload.Keys() {
            @Override
            public String intended(String fileName) {
                return RawKeys.key(target, pulledAt, fileName);
            }

            @Override
            public String free(String fileName) {
                return freeKey(target, pulledAt, fileName);
            }
        });
    }

    /**
     * Aborts the multipart uploads under {@code raw/} and {@code tmp/} (and deletes objects under {@code tmp/}) older
     * than {@code tcbill.download.orphaned-upload-age}, which a killed process left behind; returns how many. Runs by
     * itself before the first archive and hourly after; exposed for a cleanup command or a test.
     */
    public int abortOrphanedUploads() {
        return orphans.sweep();
    }

    /**
     * Uploads a local file, e.g. the NDJSON of a JSON feed, into a new raw object under
     * {@code raw/{feed}/bill_month=YYYY-MM/customer_uin={uin|self}/{pulledAt}-{fileName}}: the same metadata
     * (sha256, size, source-file), verification and never-overwrite rule as {@link #archive}; large files go by
     * multipart upload. Transient storage errors are retried; a file that cannot be read is terminal.
     *
     * @param fileName the name to keep, reduced to {@code [A-Za-z0-9._-]}, e.g. {@code summaries.ndjson}
     */
    public RawObject archiveFile(RawTarget target, String fileName, Path localFile) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(localFile, "localFile");
        String name = RawKeys.sanitize(Objects.requireNonNull(fileName, "fileName"));
        if (name.isEmpty()) {
            throw new IllegalArgumentException("file name '" + fileName + "' for " + target + " has no letter or digit");
        }
        Instant pulledAt = clock.instant();
        return recorded(target, "file", System.nanoTime(), () -> upload(target, name, localFile, pulledAt));
    }

    /** Runs one archive from {@code source} ("link" or "file"), recording its bytes (0 if it fails) and duration. */
    private RawObject recorded(RawTarget target, String source, long started, Supplier<RawObject> archive) {
        RawObject raw;
        try {
            raw = archive.get();
        } catch (RuntimeException e) {
            metrics.archived(target, source, 0, Duration.ofNanos(System.nanoTime() - started), false);
            throw e;
        }
        metrics.archived(target, source, raw.size(), Duration.ofNanos(System.nanoTime() - started), true);
        return raw;
    }

    private RawObject upload(RawTarget target, String name, Path localFile, Instant pulledAt) {
        return retrying(target, () -> {
            long started = System.nanoTime();
            RawObject raw = writer.write(localFile, name, () -> freeKey(target, pulledAt, name), target);
            log.info("Archived {} as {}: {} bytes in {} ms, sha256 {}…", target, raw.key(), raw.size(),
                    (System.nanoTime() - started) / 1_000_000, raw.sha256().substring(0, 12));
            return raw;
        });
    }

    private RawObject retrying(RawTarget target, Supplier<RawObject> attempt) {
        Retry retry = Retry.of("archive " + target, RetryConfig.custom()
                .maxAttempts(props.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0, MAX_BACKOFF))
                .retryOnException(e -> e instanceof TransferException t && t.isTransient())
                .build());
        retry.getEventPublisher().onRetry(e -> {
            metrics.retried("upload", target);
            log.warn("Retrying {} in {} ms (attempt {} of {}): {}", target, e.getWaitInterval().toMillis(),
                    e.getNumberOfRetryAttempts() + 1, props.maxAttempts(), e.getLastThrowable().getMessage());
        });
        try {
            return retry.executeSupplier(attempt);
        } catch (TransferException e) {
            if (e.isTransient() && props.maxAttempts() > 1) {
                throw new TransferException(e.getMessage() + " (gave up after " + props.maxAttempts() + " attempts)",
                        true, e);
            }
            throw e;
        }
    }

    /** Downloads an archived object to a local file and checks it against the SHA-256 in its metadata. */
    public void fetch(String key, Path target) {
        reader.fetch(key, target);
    }

    /**
     * Marks an archived object that failed to load, for inspection: a {@code <key>.rejected} object beside it holds
     * {@code reason} and the time; the object itself stays as it was. A failure to write the mark is logged, not
     * thrown: the load failure it would record is already being reported.
     */
    public void reject(String key, String reason) {
        String mark = "rejected " + clock.instant() + ": " + reason;
        try {
            writer.markRejected(key, mark);
            log.info("Marked {} as rejected ({}): {}", key, RawKeys.rejectedKey(key), reason);
        } catch (TransferException e) {
            log.warn("Could not mark {} as rejected: {}", key, e.getMessage());
        }
    }

    /** Size and SHA-256 of an archived object; throws a {@link TransferException} if it does not exist. */
    public RawObject describe(String key) {
        return reader.describe(key);
    }

    /** The key for this pull, moved on by a millisecond while an object already has it: never overwrite. */
    private String freeKey(RawTarget target, Instant pulledAt, String fileName) {
        Instant at = pulledAt;
        for (int i = 0; i < MAX_KEY_PROBES; i++) {
            String key = RawKeys.key(target, at, fileName);
            if (!reader.exists(key)) {
                return key;
            }
            at = at.plusMillis(1);
        }
        throw TransferException.terminal("no free raw key for " + target + " near " + pulledAt, null);
    }
}
