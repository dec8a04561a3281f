package io.tcbill.load;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One raw file's way through a load: staged (or not), checked against the reject threshold, maybe held back. */
final class Attempt {

    private final RawInput input;
    private final Lineage lineage;
    private final Instant started;
    private List<StagedFile> staged = List.of();
    private String error;

    private Attempt(RawInput input, Lineage lineage) {
        this(input, lineage, Instant.now());
    }

    private Attempt(RawInput input, Lineage lineage, Instant started) {
        this.input = input;
        this.lineage = lineage;
        this.started = started;
    }

    static Attempt run(FileStager stager, RawInput input, Lineage lineage, String tag, long maxRejectedRows) {
        Attempt attempt = new Attempt(input, lineage);
        try {
            attempt.staged = stager.stage(input, lineage, tag);
            attempt.checkRejected(maxRejectedRows);
        } catch (SchemaMismatchException | RawFileException e) {
            attempt.error = e.getMessage();
        } catch (SQLException e) {
            attempt.error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + ") could not be read: "
                    + ReaderMessage.of(e.getMessage(), input);
        }
        return attempt;
    }

    /**
     * Stages {@code inputs} together where the stager can ({@link FileStager#stageTogether}) and each of the others
     * alone, as {@link #run} would; tags are {@code tag} followed by the file's index.
     */
    static List<Attempt> runAll(FileStager stager, List<RawInput> inputs, List<Lineage> lineages, String tag,
                                long maxRejectedRows) {
        List<Attempt> attempts = new ArrayList<>();
        Instant started = Instant.now();
        List<List<StagedFile>> together = inputs.size() < 2 ? null : stager.stageTogether(inputs, lineages, tag + "t");
        for (int i = 0; i < inputs.size(); i++) {
            List<StagedFile> staged = together == null ? null : together.get(i);
            if (staged == null) {
                attempts.add(run(stager, inputs.get(i), lineages.get(i), tag + i, maxRejectedRows));
            } else {
                Attempt attempt = new Attempt(inputs.get(i), lineages.get(i), started);
                attempt.staged = staged;
                attempt.checkRejected(maxRejectedRows);
                attempts.add(attempt);
            }
        }
        return attempts;
    }

    private void checkRejected(long maxRejectedRows) {
        long rejected = rejected();
        if (rejected > maxRejectedRows) {
            error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + "): " + rejected
                    + " rejected rows exceed tcbill.duckdb.max-rejected-rows=" + maxRejectedRows + "; first: "
                    + staged.stream().map(StagedFile::firstReason).filter(r -> r != null).findFirst().orElse("");
        }
    }

    boolean publishable() {
        return error == null && !staged.isEmpty();
    }

    void fail(String reason) {
        error = reason;
    }

    /** Which customers' files must all load for this one to be published: the requested customer, or "the pack". */
    String holdBackKey() {
        return lineage.pack() ? "pack" : String.valueOf(lineage.customerUin());
    }

    FileResult result() {
        Set<String> extraColumns = new LinkedHashSet<>();
        staged.forEach(file -> extraColumns.addAll(file.extraColumns()));
        long rows = staged.stream().mapToLong(StagedFile::rows).sum();
        Map<String, FileResult.TableRows> tables = new LinkedHashMap<>();
        staged.forEach(file -> tables.merge(file.table(), new FileResult.TableRows(file.rows(), file.rejected()),
                FileResult.TableRows::plus));
        return new FileResult(input, lineage.loadId(), publishable(), rows, rejected(), List.copyOf(extraColumns), error,
                tables);
    }

    private long rejected() {
        return staged.stream().mapToLong(StagedFile::rejected).sum();
    }

    RawInput input() {
        return input;
    }

    Lineage lineage() {
        return lineage;
    }

    List<StagedFile> staged() {
        return staged;
    }

    Instant started() {
        return started;
    }
}
