package io.tcbill.load;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** One raw file's way through a load: staged (or not), checked against the reject threshold, maybe held back. */
final class Attempt {

    private final RawInput input;
    private final Lineage lineage;
    private final Instant started;
    private StagedFile staged;
    private List<String> extraColumns = List.of();
    private String error;

    private Attempt(RawInput input, Lineage lineage) {
        this.input = input;
        this.lineage = lineage;
        this.started = Instant.now();
    }

    static Attempt run(CsvStager stager, HeaderMapping mapping, RawInput input, Lineage lineage, int index,
                       long maxRejectedRows) {
        Attempt attempt = new Attempt(input, lineage);
        try {
            FileLayout layout = mapping.layout(input.localFile(), input.sourceKey());
            attempt.extraColumns = layout.extraHeaders();
            attempt.staged = stager.stage(input.localFile(), layout, lineage, index);
            if (attempt.staged.rejected() > maxRejectedRows) {
                attempt.error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + "): " + attempt.staged.rejected()
                        + " rejected rows exceed tcbill.duckdb.max-rejected-rows=" + maxRejectedRows + "; first: "
                        + attempt.staged.firstReason();
            }
        } catch (SchemaMismatchException e) {
            attempt.error = e.getMessage();
        } catch (SQLException e) {
            attempt.error = "file " + input.sourceKey() + " (" + lineage.customerLabel() + ") could not be read: "
                    + e.getMessage();
        }
        return attempt;
    }

    boolean publishable() {
        return error == null && staged != null;
    }

    void fail(String reason) {
        error = reason;
    }

    FileResult result() {
        return new FileResult(input, lineage.loadId(), publishable(), staged == null ? 0 : staged.rows(),
                staged == null ? 0 : staged.rejected(), extraColumns, error);
    }

    RawInput input() {
        return input;
    }

    Lineage lineage() {
        return lineage;
    }

    StagedFile staged() {
        return staged;
    }

    Instant started() {
        return started;
    }
}
