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
        LocalDateTime finalAt = previous.plusMonths(1).atDay(5).atTime(1, 0);
        return now.isBefore(finalAt) ? previous.minusMonths(1) : previous;
    }

    public static boolean isFinal(YearMonth month, Clock clock) {
        return !month.isAfter(latestFinalMonth(clock));
    }
}
