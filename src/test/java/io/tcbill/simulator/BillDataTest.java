package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class BillDataTest {

    private static final YearMonth MONTH = YearMonth.of(2024, 12);
    private final BillData data = new BillData(SimulatorConfig.defaults());

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() throws Exception {
        BillData again = new BillData(SimulatorConfig.defaults());
        BillData other = new BillData(SimulatorConfig.defaults().withSeed(43));

        assertThat(sha256(again, "l3", null)).isEqualTo(sha256(data, "l3", null));
        assertThat(again.customerUins()).isEqualTo(data.customerUins());
        assertThat(sha256(other, "l3", null)).isNotEqualTo(sha256(data, "l3", null));
        assertThat(other.customerUins()).isNotEqualTo(data.customerUins());
    }

    @Test
    void fileStartsWithBomAndTheMappingHeaderAndUsesCrlf() {
        byte[] bytes = bytes("l3", null);
        String text = new String(bytes, StandardCharsets.UTF_8);

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text.substring(1)).startsWith("Payer Account ID,Customer Name,Owner Account ID,Operator Account ID,ProductName,");
        // the mapped headers, then the tag columns of the month (before SimulatedTags.TEAM_FROM only env)
        assertThat(text.lines().findFirst().orElseThrow()).endsWith("Total Cost (Including Tax),Billable Month,Tag:env");
        assertThat(text).contains("Tag:env\r\n");
        assertThat(text).contains("\"web, \"\"prod\"\"\nline2\"");
        assertThat(text).contains("默认项目");
    }

    @Test
    void l3RowsKeepTheDocumentedArithmeticAndTotalsAreExact() throws IOException {
        List<CSVRecord> records = parse(bytes("l3", null));
        BigDecimal sum = BigDecimal.ZERO;
        long refunds = 0;
        for (CSVRecord r : records) {
            BigDecimal original = dec(r, "OriginalCost");
            BigDecimal after = dec(r, "Total Amount After Discount (Excluding Tax)");
            BigDecimal before = dec(r, "Amount Before Tax");
            BigDecimal tax = dec(r, "TaxAmount");
            assertThat(after).isEqualTo(original.multiply(dec(r, "DiscountRate")).setScale(8, RoundingMode.HALF_UP));
            assertThat(before).isEqualTo(after.subtract(dec(r, "Voucher Deduction")));
            assertThat(tax).isEqualTo(before.multiply(dec(r, "TaxRate")).setScale(8, RoundingMode.HALF_UP));
            assertThat(dec(r, "Total Cost (Including Tax)")).isEqualTo(before.add(tax));
            assertThat(r.get("Total Cost (Including Tax)")).matches("-?\\d+\\.\\d{8}");
            assertThat(r.get("TransactionTime")).matches("2024-12-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(r.get("Payer Account ID")).isEqualTo(Long.toString(data.ownUin()));
            sum = sum.add(dec(r, "Total Cost (Including Tax)"));
            if (r.get("TransactionType").equals("Refund")) {
                refunds++;
                assertThat(original.signum()).isNegative();
            }
        }
        BillData.ExpectedFile expected = data.expected("l3", MONTH, null);
        assertThat(records).hasSize(500);
        assertThat(expected.rows()).isEqualTo(500);
        assertThat(expected.totalCost()).isEqualTo(sum);
        assertThat(expected.bytes()).isEqualTo(bytes("l3", null).length);
        assertThat(refunds).isPositive();
    }

    @Test
    void l2AmountsHaveTwoDecimalsAndCommissionSumsCommissionAmount() throws IOException {
        long customer = data.customerUins().get(0);
        List<CSVRecord> l2 = parse(bytes("l2", customer));
        List<CSVRecord> commission = parse(bytes("commission", null));

        assertThat(l2).hasSize(50).allSatisfy(r -> {
            assertThat(r.get("Total Cost (Including Tax)")).matches("-?\\d+\\.\\d{2}");
            assertThat(r.get("Owner Account ID")).isEqualTo(Long.toString(customer));
        });
        assertThat(commission).hasSize(60);
        BigDecimal sum = commission.stream().map(r -> dec(r, "Commission Amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(data.expected("commission", MONTH, null).totalCost()).isEqualTo(sum);
    }

    @Test
    void l2RowsAreTheL3RowsSummedPerBlockAndRoundedSoTheMonthDiffersByAtMostHalfACentPerRow() throws IOException {
        long customer = data.customerUins().get(1);
        List<CSVRecord> l3 = parse(bytes("l3", customer));
        List<CSVRecord> l2 = parse(bytes("l2", customer));

        assertThat(l2).hasSize(50);
        for (String amount : List.of("OriginalCost", "Voucher Deduction", "Total Cost (Including Tax)")) {
            BigDecimal exact = l3.stream().map(r -> dec(r, amount)).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rounded = l2.stream().map(r -> dec(r, amount)).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(exact.subtract(rounded).abs()).as(amount).isLessThanOrEqualTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(50)));
        }
        // block i of the 200 L3 rows is rows 4i..4i+3: its first row describes the L2 row, its amounts are summed
        BigDecimal block = l3.subList(4, 8).stream().map(r -> dec(r, "Total Cost (Including Tax)")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(dec(l2.get(1), "Total Cost (Including Tax)")).isEqualTo(block.setScale(2, RoundingMode.HALF_UP));
        assertThat(l2.get(1).get("InstanceID")).isEqualTo(l3.get(4).get("InstanceID"));
    }

    @Test
    void restatingL2RestatesTheWholeBillSoL2AndL3StayOneBill() throws IOException {
        long customer = data.customerUins().get(2);
        BigDecimal l3Before = data.expected("l3", MONTH, customer).totalCost();
        BigDecimal l2Before = data.expected("l2", MONTH, customer).totalCost();

        data.restate("l2", MONTH, customer);

        assertThat(data.expected("l3", MONTH, customer).totalCost()).isNotEqualTo(l3Before);
        assertThat(data.expected("l2", MONTH, customer).totalCost()).isNotEqualTo(l2Before);
        assertThat(data.expected("l2", MONTH, customer).totalCost().subtract(data.expected("l3", MONTH, customer).totalCost()).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void anL2FileCannotHaveMoreRowsThanTheL3FileItIsMadeFrom() {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withRows(10, 11, 10, 5, 0))
                .hasMessageContaining("own L2 11 > L3 10");
    }

    @Test
    void emptyCustomerHasOnlyTheHeader() throws IOException {
        long empty = data.emptyCustomerUins().get(0);

        assertThat(parse(bytes("l3", empty))).isEmpty();
        assertThat(data.expected("l3", MONTH, empty)).isEqualTo(
                new BillData.ExpectedFile(0, BigDecimal.ZERO, bytes("l3", empty).length));
        assertThat(data.customerUins()).hasSize(5).contains(empty);
    }

    @Test
    void unknownCustomerOrFeedIsRefused() {
        assertThatThrownBy(() -> data.expected("l3", MONTH, 1L)).hasMessageContaining("customer 1");
        assertThatThrownBy(() -> data.expected("l4", MONTH, null)).hasMessageContaining("unknown feed 'l4'");
    }

    @Test
    void hundredsOfCustomersWithSummariesPacksAndVouchersFromTheSameRows() throws IOException {
        BillData reseller = new BillData(SimulatorConfig.defaults().withCustomers(300, 20).withRows(10, 10, 40, 10, 10));
        long customer = reseller.customerUins().get(279);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reseller.writeCsv("l3", MONTH, customer, out);
        List<CSVRecord> l3 = parse(out.toByteArray());

        BillData.ExpectedSummary summary = reseller.expectedSummary(MONTH, customer);
        BillData.ExpectedFile pack = reseller.expectedPack("l3", MONTH);

        assertThat(reseller.customerUins()).hasSize(300).doesNotHaveDuplicates().doesNotContain(reseller.ownUin());
        assertThat(reseller.emptyCustomerUins()).hasSize(20).doesNotContain(customer);
        assertThat(summary.originalCost()).isEqualTo(sum(l3, "OriginalCost"));
        assertThat(summary.voucherPayAmount()).isEqualTo(sum(l3, "Voucher Deduction"));
        assertThat(summary.totalCost()).isEqualTo(sum(l3, "Total Cost (Including Tax)"));
        assertThat(summary.payModes()).isBetween(1, 2);
        assertThat(pack.rows()).isEqualTo(280 * 40);
        assertThat(pack.totalCost()).isEqualTo(reseller.customerUins().stream()
                .map(c -> reseller.expected("l3", MONTH, c).totalCost()).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(reseller.customerUins().stream().filter(c -> reseller.expectedVouchers(MONTH, c).vouchers() > 0).count())
                .isEqualTo(94);
        assertThat(reseller.expected("l3", MONTH, null)).isEqualTo(new BillData(SimulatorConfig.defaults()
                .withCustomers(300, 20).withRows(10, 10, 40, 10, 10)).expected("l3", MONTH, null));
    }

    private static BigDecimal sum(List<CSVRecord> records, String header) {
        return records.stream().map(r -> dec(r, header)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private byte[] bytes(String feed, Long customer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.writeCsv(feed, MONTH, customer, out);
        return out.toByteArray();
    }

    private static String sha256(BillData source, String feed, Long customer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.writeCsv(feed, MONTH, customer, out);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    }

    static List<CSVRecord> parse(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        return format.parse(new StringReader(text.substring(1))).getRecords();
    }

    private static BigDecimal dec(CSVRecord record, String header) {
        return new BigDecimal(record.get(header));
    }
}
