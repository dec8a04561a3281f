package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Month M is final from 01:00 UTC+8 on the 5th of M+1. */
class BillMonthsTest {

    @Test
    void novemberBecomesFinalAtOneInTheMorningSingaporeTimeOnDecemberFifth() {
        assertThat(latestAt("2024-12-04T16:59:59Z")).isEqualTo(YearMonth.of(2024, 10));
        assertThat(latestAt("2024-12-04T17:00:00Z")).isEqualTo(YearMonth.of(2024, 11));
        assertThat(latestAt("2025-01-01T00:00:00Z")).isEqualTo(YearMonth.of(2024, 11));
    }

    @Test
    void configuredLatestMonthWins() {
        BillMonths months = new BillMonths(Clock.systemUTC(), YearMonth.of(2023, 3));

        assertThat(months.latestFinal()).isEqualTo(YearMonth.of(2023, 3));
        assertThat(months.parse("2023-03", BillMonths.EARLIEST_DETAIL)).isEqualTo(YearMonth.of(2023, 3));
    }

    private static YearMonth latestAt(String instant) {
        return new BillMonths(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), null).latestFinal();
    }
}
