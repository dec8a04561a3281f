package io.tcbill.simulator;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Which months the API serves: {@code YYYY-MM}, not before the file's earliest month (2022-06; 2023-11 for resource
 * bills) and not after the latest final month. Month M becomes final at 01:00 UTC+8 on the 5th of M+1.
 */
final class BillMonths {

    static final YearMonth EARLIEST_DETAIL = YearMonth.of(2022, 6);
    static final YearMonth EARLIEST_RESOURCE = YearMonth.of(2023, 11);
    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");
    private static final ZoneOffset BILLING_ZONE = ZoneOffset.ofHours(8);

    private final Clock clock;
    private final YearMonth latestFinalOverride;

    BillMonths(Clock clock, YearMonth latestFinalOverride) {
        this.clock = clock;
        this.latestFinalOverride = latestFinalOverride;
    }

    /** The month in {@code text}, or {@code InvalidParameterValue.InvalidMonth}. */
    YearMonth parse(String text, YearMonth earliest) {
        if (!FORMAT.matcher(text).matches()) {
            throw ApiError.invalidMonth(text, "expected YYYY-MM");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidMonth(text, "expected YYYY-MM");
        }
        if (month.isBefore(earliest)) {
            throw ApiError.invalidMonth(text, "the earliest month available is " + earliest);
        }
        YearMonth latest = latestFinal();
        if (month.isAfter(latest)) {
            throw ApiError.invalidMonth(text, "bills after " + latest + " are not final yet");
        }
        return month;
    }

    YearMonth latestFinal() {
        if (latestFinalOverride != null) {
            return latestFinalOverride;
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), BILLING_ZONE);
        YearMonth previous = YearMonth.from(now).minusMonths(1);
        LocalDateTime finalAt = now.toLocalDate().withDayOfMonth(5).atTime(1, 0);
        return now.isBefore(finalAt) ? previous.minusMonths(1) : previous;
    }
}
