package io.tcbill.load;

import java.sql.SQLException;
import java.time.Instant;
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
        this.input = input;
        this.lineage = lineage;
        this.started = Instant.now();
    }

    static Attempt run(FileStager stager, RawInput input, Lineage lineage, String tag, long maxRejectedRows) {
        Attempt attempt = new Attempt(input, lineage);
        try {
            attempt.staged = stager.stage(input, lineage, tag);
            long rejected = attempt.rejected();
            if (rejected > maxRejectedRows) {
                attempt.error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + "): " + rejected
                        + " rejected rows exceed tcbill.duckdb.max-rejected-rows=" + maxRejectedRows + "; first: "
                        + attempt.staged.stream().map(StagedFile::firstReason).filter(r -> r != null).findFirst().orElse("");
            }
        } catch (SchemaMismatchException | RawFileException e) {
            attempt.error = e.getMessage();
        } catch (SQLException e) {
            attempt.error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + ") could not be read: "
                    + ReaderMessage.of(e.getMessage(), input);
        }
        return attempt;
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
