package io.tcbill.cli;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measured figure of {@code bench}: a value, the baseline it is compared with, and their ratio.
 *
 * @param name     what was measured
 * @param value    the measurement
 * @param baseline the same-run baseline
 * @param unit     unit of value and baseline
 * @param target   the ratio the project aims for, as text (e.g. "<= 1.2")
 * @param detail   how the baseline was obtained
 */
record BenchFigure(String name, double value, double baseline, String unit, String target, String detail) {

    double ratio() {
        return baseline == 0 ? Double.NaN : value / baseline;
    }

    static String table(List<BenchFigure> figures) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-24s %12s %12s %8s %8s  %s%n",
                "figure", "value", "baseline", "ratio", "target", "baseline is"));
        for (BenchFigure f : figures) {
            text.append(String.format(Locale.ROOT, "%-24s %10.2f %-1s %10.2f %-1s %8.2f %8s  %s%n", f.name, f.value,
                    f.unit, f.baseline, f.unit, f.ratio(), f.target, f.detail));
        }
        return text.toString().stripTrailing();
    }

    static String json(List<BenchFigure> figures) {
        return figures.stream().map(f -> String.format(Locale.ROOT,
                        "\"%s\":{\"value\":%.4f,\"baseline\":%.4f,\"unit\":\"%s\",\"ratio\":%.4f,\"target\":\"%s\"}",
                        f.name, f.value, f.baseline, f.unit, f.ratio(), f.target))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
