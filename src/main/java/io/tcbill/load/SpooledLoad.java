package io.tcbill.load;

import io.tcbill.feed.Feed;
import io.tcbill.transfer.RawArchiver;
import io.tcbill.transfer.TransferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Loads archived raw objects of one feed and month: copies each into a spool directory of its own under the work
 * directory (checking its SHA-256), loads those that could be read with the {@link MonthLoader}, publishing the month
 * once, and deletes the spool. An object that cannot be read for good, or a file that does not load, is marked
 * rejected in the raw zone and reported; a transient storage error fails the whole load, to be retried.
 */
@Component
public final class SpooledLoad {

    private static final Logger log = LoggerFactory.getLogger(SpooledLoad.class);

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
        Path spool = Files.createTempDirectory(Files.createDirectories(loader.workDir()), "spool-");
        try {
            List<RawInput> inputs = new ArrayList<>();
            Map<String, String> rejected = new LinkedHashMap<>();
            for (ArchivedFile file : files) {
                Path local = spool.resolve(Integer.toString(inputs.size() + rejected.size()));
                try {
                    archiver.fetch(file.key(), local);
                } catch (TransferException e) {
                    if (e.isTransient()) {
                        throw e;
                    }
                    rejected.put(file.key(), file.label() + " (" + file.key() + "): " + e.getMessage());
                    continue;
                }
                inputs.add(file.spooledAt(local));
            }
            LoadReport report = inputs.isEmpty() ? null
                    : loader.load(new LoadRequest(feed, month, inputs, wholeMonth), loaded);
            if (report != null) {
                report.files().stream().filter(f -> !f.loaded()).forEach(f -> rejected.put(f.input().sourceKey(),
                        label(f.input()) + " (" + f.input().sourceKey() + "): " + f.error()));
            }
            rejected.forEach(archiver::reject);
            return new Outcome(report, rejected);
        } finally {
            deleteQuietly(spool);
        }
    }

    private static String label(RawInput input) {
        return ArchivedFile.label(input.pack(), input.customerUin());
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not clean the spool directory {}: {}", dir, e.getMessage());
        }
    }
}
