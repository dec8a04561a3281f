package io.tcbill.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which month is late when: the newest month final for at least late-after (final: 01:00 UTC+8 on the 5th). */
class LateMonthsTest {

    @Test
    void aMonthIsDueOnceLateAfterHasPassedSinceItBecameFinal() {
        // May 2026 became final at 2026-06-05T01:00+08:00 = 2026-06-04T17:00Z; with 3 days' grace it is due from
        // 2026-06-07T17:00Z
        assertThat(due("2026-06-07T16:59:00Z", Duration.ofDays(3))).isEqualTo(YearMonth.of(2026, 4));
        assertThat(due("2026-06-07T17:00:00Z", Duration.ofDays(3))).isEqualTo(YearMonth.of(2026, 5));
        assertThat(due("2026-06-04T17:00:00Z", Duration.ZERO)).isEqualTo(YearMonth.of(2026, 5));
        assertThat(due("2026-06-30T00:00:00Z", Duration.ofDays(30))).isEqualTo(YearMonth.of(2026, 4));
    }

    private static YearMonth due(String now, Duration lateAfter) {
        AlertProperties properties = new AlertProperties(List.of(), lateAfter, null, null, 0, null, null);
        return new LateMonths(null, List.of(), (month, feed) -> true, properties,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC), false).dueMonth();
    }
}
