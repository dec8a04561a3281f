package io.tcbill.simulator;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which columns the simulator's bill files carry: the layout before Tencent's bill-field upgrade ({@code 2022}: the
 * field tables of the 2022 partner documents, plus {@code SavingsPlanDeduction}, {@code Configuration Description} in
 * L3 and {@code Additional Attribute} in L2), after it ({@code 2024}: bills from the November 2024 month on, with
 * Order ID, Region Code, Availability Zone Code, Discount Object/Type/Content, Bill Month, the renamed SP Deduction and
 * Component Configuration, and the Reseller Account ID and Instance Type of the customer bill field lists), or
 * {@code auto}: each month as Tencent writes it, 2022 before November 2024 and 2024 from then on.
 */
public enum FileLayout {

    Y2022("2022"),
    Y2024("2024"),
    AUTO("auto");

    /** The {@code language} of the mappings' English rows; {@code FileLanguage=en}. */
    static final String ENGLISH = "en";
    /** The {@code language} of the mappings' Chinese rows; {@code FileLanguage=zh_cn}. */
    static final String CHINESE = "zh_cn";
    /** The first bill month of the upgraded layout (Tencent: "bill data of the November 2024 period and later"). */
    static final YearMonth UPGRADE_MONTH = YearMonth.of(2024, 11);

    private final String code;

    FileLayout(String code) {
        this.code = code;
    }

    /** {@code 2022} or {@code 2024}, as the mappings' {@code layouts} column names it; {@code auto} for AUTO. */
    String code() {
        return code;
    }

    /** The concrete layout of a month's files: AUTO resolved by the month, the others as they are. */
    FileLayout of(YearMonth month) {
        return this != AUTO ? this : month.isBefore(UPGRADE_MONTH) ? Y2022 : Y2024;
    }

    @Override
    public String toString() {
        return code;
    }

    /** The layout named {@code value} ({@code 2022}, {@code 2024} or {@code auto}), or an error listing them. */
    public static FileLayout named(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(layout -> layout.code.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the file layout must be one of "
                        + Arrays.stream(values()).map(FileLayout::toString).collect(Collectors.joining(", "))
                        + ", not '" + value + "'"));
    }
}
