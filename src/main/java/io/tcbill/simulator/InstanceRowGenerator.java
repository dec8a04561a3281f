package io.tcbill.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rows of an L2 file (bill by instance) made from the same customer's L3 rows, as Tencent aggregates them: the L3 file
 * is cut into as many consecutive blocks as the L2 file has rows, each L2 row takes the descriptive values of its
 * block's first L3 row and the sums of the block's amounts rounded to 2 decimals (half up). So an L2 month differs from
 * the L3 month (and the summaries computed from it) by at most half a cent per L2 row and amount, which is what
 * tcbill's L2 reconciliation tolerates. Rows must be asked for in order; nothing but one L3 row is held.
 */
final class InstanceRowGenerator extends CsvRowGenerator {

    /** The amount columns an L2 row sums over its L3 rows. */
    static final List<String> AMOUNTS = List.of("original_cost", "total_amount_after_discount", "voucher_deduction",
            "amount_before_tax", "tax_amount", "total_cost", "sp_deduction");
    private static final int SCALE = 2;

    private final CsvRowGenerator details;
    private final FileMapping.Row detail;
    private final long detailRows;
    private final long rows;
    private long nextDetail;

    /**
     * @param details    the generator of the customer's L3 file (seeded as that file is)
     * @param detail     a row of the L3 file's mapping to generate into
     * @param detailRows rows of the L3 file
     * @param rows       rows of this L2 file: at most {@code detailRows}, and 0 when that is 0
     */
    InstanceRowGenerator(CsvRowGenerator details, FileMapping.Row detail, long detailRows, long rows) {
        super(new SplittableRandom(0), details.month);
        if (rows > detailRows || rows < 0) {
            throw new IllegalArgumentException("an L2 file of " + rows + " rows cannot aggregate " + detailRows + " L3 rows");
        }
        this.details = details;
        this.detail = detail;
        this.detailRows = detailRows;
        this.rows = rows;
    }

    @Override
    void fill(FileMapping.Row row, long index) {
        long from = index * detailRows / rows;
        long to = (index + 1) * detailRows / rows;
        if (from != nextDetail) {
            throw new IllegalStateException("L2 rows must be generated in order: asked for " + index + " at L3 row " + nextDetail);
        }
        BigDecimal[] sums = new BigDecimal[AMOUNTS.size()];
        java.util.Arrays.fill(sums, BigDecimal.ZERO);
        for (long i = from; i < to; i++) {
            detail.clear();
            details.fill(detail, i);
            if (i == from) {
                row.copyFrom(detail);
                row.put("additional_attribute", "-"); // the 2022 L2 layout's column that L3 does not have
            }
            for (int a = 0; a < sums.length; a++) {
                String value = detail.find(AMOUNTS.get(a));
                sums[a] = value == null || value.isEmpty() ? sums[a] : sums[a].add(new BigDecimal(value));
            }
        }
        nextDetail = to;
        for (int a = 0; a < sums.length; a++) {
            row.put(AMOUNTS.get(a), sums[a].setScale(SCALE, RoundingMode.HALF_UP).toPlainString());
        }
    }
}
