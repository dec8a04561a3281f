package io.tcbill.load;

import io.tcbill.feed.Feed;
import io.tcbill.transfer.RawArchiver;
import java.io.IOException;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Loads archived raw objects of one feed and month: copies each into a spool directory of its own under the work
 * directory (checking its SHA-256), stages those that could be read with a {@link MonthLoad}, publishes the month once,
 * and deletes the spool. An object that cannot be read for good, or a file that does not load, is marked rejected in
 * the raw zone and reported; a transient storage error fails the whole load, to be retried. A {@link SpooledSession}
 * does the same with objects handed in one at a time while they are still being archived.
 */
@Component
public final class SpooledLoad {

    private final RawArchiver archiver;
    private final MonthLoader loader;

    public SpooledLoad(RawArchiver archiver, MonthLoader loader) {
        this.archiver = archiver;
        this.loader = loader;
    }

    /**
     * What a load did.
     *
     * @param report   the loader's report; null when no object could be read
     * @param rejected per object key that was not loaded, why (naming it), already marked rejected in the raw zone
     */
    public record Outcome(LoadReport report, Map<String, String> rejected) {

        public Outcome {
            rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
        }
    }

    /**
     * Loads {@code files} as one request ({@link LoadRequest#wholeMonth()} as given), telling {@code loaded} about each
     * file as it is staged.
     */
    public Outcome load(Feed feed, YearMonth month, boolean wholeMonth, List<ArchivedFile> files,
                        Consumer<FileResult> loaded) throws IOException {
        try (SpooledSession session = open(feed, month)) {
            return session.finish(wholeMonth, files, loaded);
        }
    }

    /**
     * Starts a load whose objects are fetched and staged in the background as they are handed in
     * ({@link SpooledSession#submit}), published by {@link SpooledSession#finish}; the caller closes it.
     *
     * @throws IOException when the spool directory cannot be made
     */
    public SpooledSession open(Feed feed, YearMonth month) throws IOException {
        return new SpooledSession(archiver, loader, feed, month);
    }
}
