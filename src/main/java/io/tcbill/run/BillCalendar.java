package io.tcbill.run;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/** When Tencent's bills are final: month M after 01:00 (UTC+8) on the 5th of M+1 (partner-api.md §1.1). */
public final class BillCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Singapore");

    private BillCalendar() {
    }

    public static YearMonth latestFinalMonth(Clock clock) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZONE));
        YearMonth previous = YearMonth.from(now).minusMonths(1);
        return now.isBefore(finalAt(previous)) ? previous.minusMonths(1) : previous;
    }

    /** When {@code month}'s bills become final, in {@link #ZONE}: 01:00 on the 5th of the next month. */
    public static LocalDateTime finalAt(YearMonth month) {
        return month.plusMonths(1).atDay(5).atTime(1, 0);
    }

    public static boolean isFinal(YearMonth month, Clock clock) {
        return !month.isAfter(latestFinalMonth(clock));
    }
}
