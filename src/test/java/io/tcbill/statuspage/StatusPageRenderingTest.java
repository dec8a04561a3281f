package io.tcbill.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.run.MonthStatus;
import io.tcbill.statuspage.MonthRows.ErrorRow;
import io.tcbill.statuspage.MonthRows.FileRow;
import io.tcbill.statuspage.MonthRows.ReconciliationRow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages as HTML from known rows, without a server: the grid's window, cells and reconciliation column, and that
 * every value a bill or a failure can carry (quotes, commas, Chinese, newlines, markup, a signed URL, a stack trace) is
 * shown escaped and cleaned.
 */
class StatusPageRenderingTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-07T10:00:00+08:00");
    private static final String AWKWARD = "Evil \"Co\", <script>alert('x')</script>\n第二行 & more";
    private static final String SIGNED = "https://bucket.cos.ap-singapore.myqcloud.com/bills/l3.csv?q-signature=abc123&q-ak=AKIDsecret";

    private final Templates templates = new Templates();

    @Test
    void theGridShowsTheLast24MonthsWithEachFeedsLastRunAndTheMonthsReconciliation() {
        // given a failed l3 run of 2026-10 (a multi-line reason naming a signed link) and an unreconciled 2026-09
        List<MonthStatus> lines = List.of(
                new MonthStatus("2026-10", "l3", "all", 7L, 2L, "FAILED", "2026-12-07T09:00:00+08:00",
                        "2026-12-07T09:02:05+08:00", 10L, 3L, null, "customer 100000000001: file not ready at " + SIGNED
                        + "\n\tat io.tcbill.poll.ReadyPoller.await(ReadyPoller.java:69)", null, null, null),
                new MonthStatus("2026-09", "summaries", "all", 5L, 1L, "COMPLETED", "2026-12-06T09:00:00+08:00",
                        "2026-12-06T09:00:04+08:00", 30L, 0L, "UNRECONCILED (1 of 3 customers)", null, null, null,
                        "restated: 1 customers changed in bill_l3, total +5.00 USD"),
                new MonthStatus("2026-09", "l3", "all", null, null, MonthStatus.NOT_RUN, null, null, null, null,
                        "UNRECONCILED (1 of 3 customers)", null, "tcbill run --month 2026-09 --feed l3", null));

        // when
        Grid grid = Grid.of(lines, List.of("l2", "l3", "summaries"), NOW);
        String html = templates.grid(grid);

        // then 24 months, newest the previous month, columns in the role's order
        assertThat(grid.months()).hasSize(24);
        assertThat(grid.months().get(0).month()).isEqualTo("2026-11");
        assertThat(grid.months().get(23).month()).isEqualTo("2024-12");
        assertThat(grid.feeds()).containsExactly("l2", "l3", "summaries");
        assertThat(html).containsOnlyOnce("data-month=\"2026-11\"").containsOnlyOnce("data-month=\"2024-12\"");
        // the failed cell, with its figures and duration; the month without a run of l2 is empty, not NOT RUN
        assertThat(cell(html, "2026-10", "l3")).contains("data-state=\"FAILED\"", "class=\"cell failed\"",
                "10 rows · 3 rejected", "2m 05s");
        assertThat(cell(html, "2026-10", "l2")).contains("data-state=\"-\"");
        assertThat(cell(html, "2026-09", "l3")).contains("data-state=\"NOT RUN\"", "class=\"cell not-run\"");
        assertThat(cell(html, "2026-09", "summaries")).contains("COMPLETED", "restated");
        assertThat(html).contains("class=\"recon unreconciled\" data-reconciliation=\"UNRECONCILED (1 of 3 customers)\"");
        // the reason: its first line, the link without its signature, no stack trace
        assertThat(html).contains("customer 100000000001: file not ready at"
                + " https://bucket.cos.ap-singapore.myqcloud.com/bills/l3.csv?…");
        assertThat(html).doesNotContain("q-signature", "AKIDsecret", "ReadyPoller.java", "\tat ");
    }

    @Test
    void everyValueOfAMonthPageIsEscapedAndItsCustomersNamedAsTheirBillsNameThem() {
        // given a month whose customer's name has quotes, a comma, markup, Chinese and a newline
        MonthDetail month = new MonthDetail(NOW.toString(), "2026-10", "UNRECONCILED (1 of 2 customers)",
                List.of(GridCell.of(new MonthStatus("2026-10", "l3", "all", 9L, 1L, "COMPLETED",
                        "2026-12-07T09:00:00+08:00", "2026-12-07T09:00:09+08:00", 400L, 1L,
                        "UNRECONCILED (1 of 2 customers)", null, null, null), NOW)),
                List.of(new FileRow("l3", 100000000001L, AWKWARD, "customer", "LOADED", 200, 1, "2026-12-07 01:00:09", null),
                        new FileRow("l3", null, null, "pack", "FAILED", 0, 0, "2026-12-07 01:00:09",
                                ShownText.of("pack unreadable: " + SIGNED))),
                List.of(new ErrorRow("l3", 100000000001L, AWKWARD, "rows rejected", "Cost: not a number '<b>x</b>'", 1)),
                List.of(new ReconciliationRow(100000000001L, AWKWARD, "10.00", "15.00", "5.00", "UNRECONCILED",
                        "2026-12-07 01:00:10"), new ReconciliationRow(100000000002L, "深圳示例科技有限公司", "1.00", "1.00",
                        "0.00", "RECONCILED", "2026-12-07 01:00:10")),
                List.of(), null);

        // when
        String html = templates.month(month);

        // then no value is markup, quotes are entities (safe in attributes), Chinese and the newline are kept as text
        assertThat(html).doesNotContain("<script>", "<b>x</b>", "\"Co\"");
        assertThat(html).contains("Evil &quot;Co&quot;, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n第二行 &amp; more");
        assertThat(html).contains("not a number &#39;&lt;b&gt;x&lt;/b&gt;&#39;");
        assertThat(html).contains("<td class=\"text\">深圳示例科技有限公司</td>");
        assertThat(html).contains("<tr class=\"unreconciled\"><td>100000000001</td>");
        assertThat(html).contains("all customers (pack)").doesNotContain("q-signature");
        assertThat(html).contains("<h3>Restatements</h3>").contains("no re-pull changed this month");
    }

    @Test
    void theJsonCarriesTheRecordsAndNotThePagesHelpers() {
        // given a grid with one failed run
        Grid grid = Grid.of(List.of(new MonthStatus("2026-10", "l3", "all", 7L, 1L, "FAILED", "2026-12-07T09:00:00+08:00",
                "2026-12-07T09:00:30+08:00", 0L, null, null, "customer 1: not ready", null, null)), List.of("l3"), NOW);

        // when
        String json = JsonMapper.shared().writeValueAsString(grid);

        // then the data, and none of the template's helpers (css, figures, duration, title...)
        assertThat(json).contains("\"state\":\"FAILED\"", "\"durationSeconds\":30", "\"reason\":\"customer 1: not ready\"");
        assertThat(json).doesNotContain("\"css\"", "\"figures\"", "\"duration\"", "\"title\"", "\"ran\"");
    }

    @Test
    void storedTextIsShownAsItsFirstLineWithoutUrlQueriesAndBounded() {
        assertThat(ShownText.of("bad file at " + SIGNED + "\njava.lang.IllegalStateException\n\tat x.y(Z.java:1)"))
                .isEqualTo("bad file at https://bucket.cos.ap-singapore.myqcloud.com/bills/l3.csv?…");
        assertThat(ShownText.of("x".repeat(1000))).hasSize(ShownText.MAX).endsWith("…");
        assertThat(ShownText.of(null)).isNull();
    }

    /** The grid's cell of a month and feed, as HTML. */
    private static String cell(String html, String month, String feed) {
        String row = html.substring(html.indexOf("data-month=\"" + month + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        var matcher = Pattern.compile("<td class=\"cell[^\"]*\" data-feed=\"" + feed + "\".*?</td>", Pattern.DOTALL)
                .matcher(row);
        assertThat(matcher.find()).as("cell %s/%s", month, feed).isTrue();
        return matcher.group();
    }
}
