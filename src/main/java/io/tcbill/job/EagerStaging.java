package io.tcbill.job;

import io.tcbill.feed.Feed;
import io.tcbill.load.ArchivedFile;
import io.tcbill.load.FileResult;
import io.tcbill.load.SpooledLoad;
import io.tcbill.load.SpooledSession;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Loads a month's files while the rest are still being archived: each partition of the archive step hands its object to
 * the job execution's {@link SpooledSession}, which fetches and stages it in the background; the load step then stages
 * what is left (files archived by an earlier execution, or by a process that died) and publishes the month once, as
 * before. Staging early changes only when the work is done, never what is published: the load step publishes exactly the
 * files the job repository records as archived, whatever was staged. A session the load step never finished (the job
 * failed or stopped before it) is discarded when the job ends.
 */
@Component
class EagerStaging implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(EagerStaging.class);

    private final SpooledLoad load;
    private final Map<Long, SpooledSession> sessions = new ConcurrentHashMap<>();

    EagerStaging(SpooledLoad load) {
        this.load = load;
    }

    /**
     * An archive partition kept {@code file}: stage it now. A session that cannot be opened (e.g. no work directory) is
     * logged and left to the load step, which opens its own and fails there if it must.
     */
    void archived(long jobExecutionId, Feed feed, YearMonth month, ArchivedFile file) {
        SpooledSession session = sessions.computeIfAbsent(jobExecutionId, id -> {
            try {
                return load.open(feed, month);
            } catch (IOException | RuntimeException e) {
                log.warn("{} {}: files are staged after archiving, not during it: {}", feed.name(), month, e.getMessage());
                return null;
            }
        });
        if (session != null) {
            session.submit(file);
        }
    }

    /** The load step: finishes this execution's session (or a new one) with the files archived for the job instance. */
    SpooledLoad.Outcome finish(long jobExecutionId, Feed feed, YearMonth month, boolean wholeMonth, List<ArchivedFile> files,
                               Consumer<FileResult> loaded) throws IOException {
        SpooledSession session = sessions.remove(jobExecutionId);
        if (session == null) {
            return load.load(feed, month, wholeMonth, files, loaded);
        }
        try (session) {
            return session.finish(wholeMonth, files, loaded);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        discard(execution.getId());
    }

    @PreDestroy
    void closeAll() {
        sessions.keySet().forEach(this::discard);
    }

    private void discard(long jobExecutionId) {
        SpooledSession session = sessions.remove(jobExecutionId);
        if (session != null) {
            session.close();
        }
    }
}
