package io.tcbill.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.load.CuratedFacts;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of {@code status}: every default feed of the role in each shown month, and times with their offset. */
class StatusReportTest {

    private static final FeedCatalog CATALOG = FeedCatalog.load();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aResellerMonthListsTheFeedsThatNeverRanWithTheCommandThatRunsThem() {
        List<MonthStatus> lines = report(Role.RESELLER).lines(List.of(completed("2026-03", "l3")), null, null);

        assertThat(lines).extracting(line -> line.feed() + " " + line.state()).containsExactly("commission NOT RUN",
                "l2 NOT RUN", "l3 COMPLETED", "summaries NOT RUN", "vouchers NOT RUN");
        assertThat(lines.get(3).next()).isEqualTo("tcbill run --month 2026-03 --feed summaries");
        assertThat(lines.get(3).line()).contains("summaries").contains("NOT RUN")
                .contains("run: tcbill run --month 2026-03 --feed summaries");
        assertThat(lines.get(3).execution()).isNull();
    }

    @Test
    void aCustomerMonthBeforeL2sFirstMonthExpectsOnlyL3AndAMonthAskedForIsShownEvenIfNothingRan() {
        // l2 has bills from 2023-11 on
        assertThat(report(Role.CUSTOMER).lines(List.of(completed("2023-10", "l3")), null, null))
                .extracting(MonthStatus::feed).containsExactly("l3");
        assertThat(report(Role.CUSTOMER).lines(List.of(completed("2023-10", "l3")), YearMonth.of(2024, 1), null))
                .extracting(line -> line.month() + " " + line.feed() + " " + line.state())
                .containsExactly("2024-01 l2 NOT RUN", "2024-01 l3 NOT RUN");
    }

    @Test
    void timesCarryTheOffsetOfTheZoneTheyWereWrittenIn() {
        MonthStatus line = report(Role.CUSTOMER).lines(List.of(completed("2026-03", "l3")), null, null).get(1);

        assertThat(line.started()).isEqualTo("2026-04-05T01:30:00+08:00");
        assertThat(line.ended()).isEqualTo("2026-04-05T01:36:07+08:00");
        assertThat(line.line()).contains("3/1").endsWith("2026-04-05T01:36:07+08:00");
        assertThat(MonthStatus.header()).contains("execution/attempt");
        assertThat(new StatusReport(CATALOG, Role.CUSTOMER, new CuratedFacts(), ZoneId.of("UTC"))
                .lines(List.of(completed("2026-03", "l3")), null, null).get(1).ended()).isEqualTo("2026-04-05T01:36:07+00:00");
    }

    private static StatusReport report(Role role) {
        return new StatusReport(CATALOG, role, new CuratedFacts(), SHANGHAI);
    }

    private static RunRecord completed(String month, String feed) {
        LocalDateTime start = YearMonth.parse(month).plusMonths(1).atDay(5).atTime(1, 30);
        return new RunRecord(YearMonth.parse(month), feed, "all", 3, 1, RunRecord.State.COMPLETED, false, start,
                start.plusMinutes(6).plusSeconds(7).plusNanos(123_456_789), 42, null);
    }
}
