package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command: the demo runs a month on embedded parts and its example queries return rows. */
@IntegrationTest
class DemoCommandTest {

    @Test
    void theDemoLoadsAMonthAndItsExampleQueriesReturnRows(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("demo", "--month", "2026-09", "--data-dir", dir.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        String printed = out.toString();
        assertThat(printed).contains("Results are in the DuckDB file " + dir.resolve("tcbill.duckdb"));
        assertThat(printed).containsPattern("l3 +2026-09  OK +\\d+ rows");
        // the job reconciled the month once both l3 and summaries were loaded
        assertThat(printed).contains("reconcile  2026-09  OK     L3 and L2 details match the summary APIs for all 5 customers");
        // the first example query answers with the month and a positive number of line items
        assertThat(printed).containsPattern("2026-09-01 \\| [1-9]\\d* \\| -?\\d+\\.\\d+");
        assertThat(printed).doesNotContain("could not run the example queries");
    }
}
