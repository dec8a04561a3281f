package io.tcbill.load;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What an L3 file of one customer truly holds, read independently of the loader (Commons CSV, strict UTF-8): either
 * the reason it must not be published, or its records' ids and amounts. Strict only where a published value could be
 * wrong money or the wrong account; lenient elsewhere (a timestamp the loader refuses is a loud failure, allowed).
 */
final class MutatedFileOracle {

    /** The money and id columns compared, by their L3 header. */
    static final Map<String, String> MONEY = Map.of("OriginalCost", "original_cost", "Voucher Deduction", "voucher_deduction",
            "Total Cost (Including Tax)", "total_cost", "Component Usage", "component_usage");
    static final Map<String, String> IDS = Map.of("Payer Account ID", "payer_account_id", "Owner Account ID",
            "owner_account_id", "Operator Account ID", "operator_account_id");
    static final List<String> REQUIRED = List.of("Payer Account ID", "Owner Account ID", "ProductName", "TransactionID",
            "Total Cost (Including Tax)");

    private static final Pattern PLAIN_ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]{1,8})?");

    /** One record: its transaction id and its compared values (null for an empty optional value). */
    record Row(String transactionId, Map<String, Object> values) {
    }

    /** @param mustFail why the file must not be published, or null; then {@code rows} is what it holds */
    record Truth(String mustFail, List<Row> rows) {
        static Truth fails(String why) {
            return new Truth(why, List.of());
        }
    }

    private MutatedFileOracle() {
    }

    /** @param customerUin the customer the file was requested for; null for a pack entry (any plain payer id) */
    static Truth read(Path file, Long customerUin) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return Truth.fails("not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return Truth.fails("unparseable: " + e.getMessage());
        }
        if (records.isEmpty()) {
            return Truth.fails("no header");
        }
        List<String> header = records.get(0).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (index.putIfAbsent(header.get(i).strip(), i) != null) {
                return Truth.fails("duplicate header " + header.get(i));
            }
        }
        for (String required : REQUIRED) {
            if (!index.containsKey(required)) {
                return Truth.fails("required header missing: " + required);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (CSVRecord record : records.subList(1, records.size())) {
            List<String> values = record.toList();
            if (values.stream().allMatch(String::isBlank)) {
                continue; // a line of only separators holds no record
            }
            if (values.size() != header.size()) {
                return Truth.fails("record " + record.getRecordNumber() + " has " + values.size() + " fields");
            }
            String why = check(values, index, customerUin);
            if (why != null) {
                return Truth.fails("record " + record.getRecordNumber() + ": " + why);
            }
            Map<String, Object> compared = new HashMap<>();
            MONEY.forEach((h, column) -> value(values, index, h).ifPresent(v -> compared.put(column, new BigDecimal(v).setScale(8))));
            IDS.forEach((h, column) -> value(values, index, h).ifPresent(v -> compared.put(column, Long.valueOf(v))));
            rows.add(new Row(values.get(index.get("TransactionID")).strip(), compared));
        }
        return new Truth(null, rows);
    }

    private static String check(List<String> values, Map<String, Integer> index, Long customerUin) {
        for (String required : REQUIRED) {
            if (values.get(index.get(required)).isBlank()) {
                return "empty " + required;
            }
        }
        for (String id : IDS.keySet()) {
            String v = value(values, index, id).orElse(null);
            if (v != null && !PLAIN_ID.matcher(v).matches()) {
                return "id " + id + " is " + v;
            }
        }
        for (String money : MONEY.keySet()) {
            String v = value(values, index, money).orElse(null);
            if (v != null && !PLAIN_DECIMAL.matcher(v).matches()) {
                return "amount " + money + " is " + v;
            }
        }
        String payer = values.get(index.get("Payer Account ID")).strip();
        return customerUin == null || payer.equals(Long.toString(customerUin)) ? null
                : "payer " + payer + " is not customer " + customerUin;
    }

    private static java.util.Optional<String> value(List<String> values, Map<String, Integer> index, String header) {
        Integer i = index.get(header);
        if (i == null || values.get(i).isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(values.get(i).strip());
    }
}
