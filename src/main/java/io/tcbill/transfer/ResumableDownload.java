package io.tcbill.transfer;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One file from its download link into one raw object, surviving what real links do: a connection that drops or a
 * body shorter than announced resumes at the first byte not yet received ({@code Range: bytes=N-}, only a 206 starting
 * exactly there is spliced on); a link that expires (403) is replaced by a fresh one from the {@link LinkSource} and
 * the transfer continues; a server that ignores the range (200) restarts the object from byte 0, as does a 416 or a
 * 206 for other bytes or another total. The SHA-256 covers the whole object and its size must equal the announced
 * total. A link whose file name names another customer or month fails at once ({@link LinkName}); an answer that is
 * not the file or whose end cannot be proven ({@link AnswerCheck}) is never stored: a fresh link is asked for, and when
 * none serves the file it fails for good. Attempts are bounded by an {@link AttemptBudget} (progress = more bytes
 * received than ever before, so a server that restarts from 0 each time does not count as progressing); on failure
 * nothing is left in storage. Each link is used for at most {@code tcbill.download.link-deadline} from when it was
 * asked for (inside its hour): a body still arriving then is cut off and the transfer resumes on a fresh link, an
 * attempt that costs like any other failure, so a host that only trickles ends the download.
 */
final class ResumableDownload {

    private static final Logger log = LoggerFactory.getLogger(ResumableDownload.class);

    /** What every download of one archiver shares. */
    record Setup(HostAllowList allowList, LinkDownload http, RawObjectWriter writer, int maxAttempts,
                 Duration firstBackoff, TransferMetrics metrics, Duration linkDeadline) {
    }

    /** Names the object: the key it is meant to get (for messages), and a free key once every byte is in. */
    interface Keys {
        String intended(String fileName);

        String free(String fileName);
    }

    private final Setup setup;
    private final RawTarget target;
    private final LinkSource links;
    private final AttemptBudget budget;
    private final LongConsumer progress;
    private URI link;
    private LinkDeadline linkDeadline;
    private boolean linkDelivered;
    private boolean linkIsReplacement;
    private long total = -1;
    private long furthest;
    private String etag;
    private boolean rangeIgnored;
    private StagedUpload upload;
    private String what;

    /** @param progress told the bytes received so far as they arrive (less after a restart from byte 0) */
    ResumableDownload(Setup setup, RawTarget target, LinkSource links, LongConsumer progress) {
        this.setup = setup;
        this.target = target;
        this.links = links;
        this.progress = progress;
        this.budget = new AttemptBudget(setup.maxAttempts(), setup.firstBackoff());
    }

    RawObject run(Keys keys) {
        link = setup.allowList().check(links.freshLink(), target);
        linkDeadline = new LinkDeadline(setup.linkDeadline());
        String fileName = RawKeys.fileName(link, target.feed());
        LinkName.check(fileName, target, link.getHost());
        what = "download of " + target + " to " + keys.intended(fileName);
        log.info("Archiving {} from {}://{}{}", target, link.getScheme(), link.getHost(), link.getRawPath());
        upload = setup.writer().open(fileName, () -> keys.free(fileName));
        upload.reportingTo(progress);
        boolean done = false;
        try {
            RawObject raw = retrying();
            done = true;
            return raw;
        } finally {
            if (!done) {
                upload.abort();
            }
        }
    }

    private RawObject retrying() {
        while (true) {
            long furthestBefore = furthest;
            boolean delivered = linkDelivered;
            try {
                return attempt();
            } catch (TransferException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                boolean refused = e instanceof TransferException.LinkRefused;
                boolean notTheFile = e instanceof TransferException.NotTheFile;
                boolean overdue = e instanceof TransferException.LinkOverdue;
                furthest = Math.max(furthest, upload.size());
                AttemptBudget.Cost cost = refused && delivered ? AttemptBudget.Cost.NONE
                        : furthest > furthestBefore ? AttemptBudget.Cost.HALF : AttemptBudget.Cost.FULL;
                TransferException failure = refused && linkIsReplacement && !delivered
                        ? new TransferException.LinkRefused(e.getMessage() + "; the link had expired and this fresh "
                        + "link was refused too") : e;
                if (refused || notTheFile || overdue) {
                    link = null;
                    linkDelivered = false;
                }
                if (e instanceof TransferException.RangeRefused) {
                    restartFromZero();
                }
                Duration wait = budget.fail(cost);
                if (wait == null) {
                    throw new TransferException(failure.getMessage() + " (gave up after " + budget.failures()
                            + " failed attempts" + (rangeIgnored ? "; the server ignored Range, each resume restarted "
                            + "from byte 0" : "") + ")", !notTheFile, failure);
                }
                setup.metrics().retried("download", target);
                log.warn("{} failed (failure {}, tcbill.download.max-attempts {}): {}; {} at byte {} in {} ms", target,
                        budget.failures(), budget.maxAttempts(), failure.getMessage(),
                        link == null ? "asking for a fresh link, resuming" : "resuming", upload.size(), wait.toMillis());
                sleep(wait);
            }
        }
    }

    private RawObject attempt() {
        if (link != null && linkDeadline.passed()) {
            log.info("{}: {} passed, asking for a fresh link", what, linkDeadline.describe());
            link = null;
        }
        if (link == null) {
            link = refresh();
            linkDelivered = false;
            linkIsReplacement = true;
        }
        long offset = upload.size();
        if (total < 0 || offset < total) {
            try (LinkDownload.Body body = setup.http().open(link, what, offset, etag, linkDeadline)) {
                accept(body, offset);
                receive(body);
            } catch (S3Exception | SdkClientException e) {
                throw setup.writer().storageFailure(e, "writing the " + what);
            }
        }
        try {
            return upload.complete();
        } catch (S3Exception | SdkClientException | TransferException e) {
            restartFromZero(); // a half-completed upload cannot be continued
            throw e instanceof TransferException t ? t : setup.writer().storageFailure(e, "storing the " + what);
        }
    }

    /** Checks the answer starts at {@code offset} of the same file; else restarts from 0 or refuses to splice. */
    private void accept(LinkDownload.Body body, long offset) {
        if (offset == 0 || body.start() == 0) {
            if (offset > 0) {
                log.warn("{}: the server ignored Range bytes={}- and sent the file from byte 0; restarting from there",
                        what, offset);
                rangeIgnored = true;
                restartFromZero();
            }
            total = body.total();
            etag = body.etag();
            return;
        }
        if (body.start() != offset || total >= 0 && body.total() >= 0 && body.total() != total) {
            throw new TransferException.RangeRefused(what + ": asked for bytes from " + offset + " of " + total
                    + ", the server sent bytes from " + body.start() + " of " + body.total()
                    + "; restarting from byte 0 rather than splicing other bytes");
        }
        total = total < 0 ? body.total() : total;
    }

    private void receive(LinkDownload.Body body) {
        long before = upload.size();
        long end = total >= 0 ? total : body.end();
        try {
            upload.receive(before == 0 ? AnswerCheck.sniffed(body.in(), what + " from " + link.getHost()) : body.in());
        } catch (IOException e) {
            linkDelivered |= upload.size() > before;
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException
                    || e instanceof java.io.InterruptedIOException) {
                Thread.currentThread().interrupt();
                throw TransferException.terminal(what + " interrupted after " + upload.size() + " bytes", e);
            }
            if (e instanceof BodyStream.DeadlinePassed) {
                throw new TransferException.LinkOverdue(what + " from " + link.getHost() + ": " + e.getMessage()
                        + " (got " + upload.size() + (end >= 0 ? " of " + end : "") + " bytes); asking for a fresh link",
                        e);
            }
            throw TransferException.retryable(what + (end >= 0 ? " truncated: got " + upload.size() + " of " + end
                    + " bytes" : " broke after " + upload.size() + " bytes") + ": "
                    + Redaction.text(String.valueOf(e.getMessage())), e);
        }
        linkDelivered |= upload.size() > before;
        long announcedEnd = body.end() >= 0 ? body.end() : end;
        if (announcedEnd >= 0 && upload.size() != announcedEnd || end >= 0 && upload.size() != end) {
            throw TransferException.retryable(what + " truncated: got " + upload.size() + " of " + end + " bytes", null);
        }
    }

    private URI refresh() {
        String fresh;
        try {
            fresh = links.freshLink();
        } catch (RuntimeException e) {
            throw TransferException.terminal(what + ": the link expired after " + upload.size() + " bytes and asking "
                    + "for a fresh link failed: " + Redaction.text(String.valueOf(e.getMessage())), e);
        }
        URI checked = setup.allowList().check(fresh, target);
        LinkName.check(RawKeys.fileName(checked, target.feed()), target, checked.getHost());
        linkDeadline = new LinkDeadline(setup.linkDeadline());
        return checked;
    }

    private void restartFromZero() {
        upload.restart();
        total = -1;
        etag = null;
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TransferException.terminal(what + " interrupted while waiting to retry", e);
        }
    }
}
