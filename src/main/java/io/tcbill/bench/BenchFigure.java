package io.tcbill.bench;

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
public record BenchFigure(String name, double value, double baseline, String unit, String target, String detail) {

    double ratio() {
        return baseline == 0 ? Double.NaN : value / baseline;
    }

    public static String table(List<BenchFigure> figures) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-26s %12s %12s %8s %10s  %s%n",
                "figure", "value", "baseline", "ratio", "target", "baseline is"));
        for (BenchFigure f : figures) {
            String baseline = f.baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2f", f.baseline);
            String ratio = f.baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2f", f.ratio());
            text.append(String.format(Locale.ROOT, "%-26s %12.2f %12s %8s %10s  %s%n", f.name, f.value, baseline, ratio,
                    f.target, f.detail));
        }
        return text.toString().stripTrailing();
    }

    public static String json(List<BenchFigure> figures) {
        return figures.stream().map(f -> String.format(Locale.ROOT,
                        "\"%s\":{\"value\":%.4f,\"baseline\":%.4f,\"unit\":\"%s\",\"ratio\":%s,\"target\":\"%s\"}",
                        f.name, f.value, f.baseline, f.unit, f.baseline == 0 ? "null" : String.format(Locale.ROOT, "%.4f", f.ratio()),
                        f.target))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
