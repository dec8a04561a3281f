package io.tcbill.cli;

import io.tcbill.run.BillCalendar;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Parses {@code YYYY-MM} strictly and refuses months the Partner API never serves. */
final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {

    /** Detailed bills exist from June 2022 on (partner-api.md, DescribeBillDownloadUrl). */
    static final YearMonth EARLIEST = YearMonth.of(2022, 6);

    @Override
    public YearMonth convert(String value) {
        YearMonth month;
        try {
            if (!value.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", value, 0);
            }
            month = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a month; use YYYY-MM, e.g. 2026-10");
        }
        if (month.isBefore(EARLIEST)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is before " + EARLIEST
                    + ", the first month the Partner API has bills for");
        }
        if (month.isAfter(YearMonth.now(BillCalendar.ZONE))) {
            throw new CommandLine.TypeConversionException("'" + value + "' is in the future");
        }
        return month;
    }
}
