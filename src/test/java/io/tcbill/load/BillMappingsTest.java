package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The bill mappings cover every column of their table in English and Chinese, with the 2022 and the November 2024
 * spellings, and no two columns share a header once headers are normalised (a shared one would silently fill the
 * first column only).
 */
class BillMappingsTest {

    private static final Set<String> NOT_MAPPED = Set.of("extra_columns", "tags", "bill_month", "customer_uin", "source_key",
            "source_line", "load_id");
    private static final Pattern COLUMN = Pattern.compile("^\\s+([a-z_0-9]+) [A-Z]");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bill_l3:001_bill_l3", "bill_l2:002_bill_l2"})
    void everyColumnHasAnEnglishAndAChineseHeaderAndEveryHeaderOneColumn(String tables) throws IOException {
        String[] names = tables.split(":");
        List<CSVRecord> rows = rows("schema/mappings/" + names[0] + ".csv");
        Map<String, String> columnByHeader = new HashMap<>();
        Map<String, Set<String>> languages = new HashMap<>();
        for (CSVRecord row : rows) {
            String previous = columnByHeader.putIfAbsent(HeaderMapping.normalise(row.get("header")), row.get("column"));
            assertThat(previous).as("header " + row.get("header")).isIn(null, row.get("column"));
            languages.computeIfAbsent(row.get("column"), c -> new LinkedHashSet<>()).add(row.get("language"));
        }
        List<String> ddl = ddlColumns("schema/" + names[1] + ".sql");
        List<String> expected = ddl.stream().filter(c -> !NOT_MAPPED.contains(c)).toList();
        assertThat(languages.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        languages.forEach((column, spoken) -> assertThat(spoken).as(column).containsExactlyInAnyOrder("en", "zh_cn"));
        assertThat(ddl.subList(ddl.size() - 5, ddl.size()))
                .containsExactly("bill_month", "customer_uin", "source_key", "source_line", "load_id");
    }

    @Test
    void oldAndNewSpellingsFillTheSameColumns() throws IOException {
        HeaderMapping l3 = HeaderMapping.read("schema/mappings/bill_l3.csv");
        FileLayout before = l3.layout(write("Payer Account ID,Owner Account ID,ProductName,TransactionID,"
                + "Total Cost (Including Tax),SavingsPlanDeduction,SavingsPlanDeductionRate,Configuration Description,Billable Month\n"), "a");
        FileLayout after = l3.layout(write("Payer Account ID,Owner Account ID,Product Name,Transaction ID,"
                + "Total Cost (Including Tax),SP Deduction,SP Deduction Rate,Component Configuration,Bill Month\n"), "b");
        assertThat(after.targets()).containsExactlyElementsOf(before.targets())
                .containsExactly("payer_account_id", "owner_account_id", "product_name", "transaction_id", "total_cost",
                        "sp_deduction", "sp_deduction_rate", "component_configuration", "billable_month");

        FileLayout oldL2 = HeaderMapping.read("schema/mappings/bill_l2.csv").layout(write("Payer Account ID,"
                + "Owner Account ID,ProductName,InstanceID,Total Cost (Including Tax),Additional Attribute\n"), "c");
        assertThat(oldL2.targets()).contains("additional_attribute").doesNotContainNull();
    }

    @Test
    void chineseHeadersMatchWithFullWidthParenthesesAndIdeographicSpaces() throws IOException {
        HeaderMapping l3 = HeaderMapping.read("schema/mappings/bill_l3.csv");

        FileLayout layout = l3.layout(write("\uFEFF支付者UIN,使用者UIN,产品名称,交易ID,总费用（含税）,\u3000原价(券后) ,标签键1\n"), "d");

        assertThat(layout.targets()).containsExactly("payer_account_id", "owner_account_id", "product_name",
                "transaction_id", "total_cost", "original_cost_after_coupon", null);
        assertThat(layout.extraHeaders()).containsExactly("标签键1");
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "header", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<CSVRecord> rows(String resource) throws IOException {
        try (Reader reader = new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static List<String> ddlColumns(String resource) throws IOException {
        List<String> columns = new ArrayList<>();
        String ddl = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        for (String line : ddl.split("\n")) {
            Matcher m = COLUMN.matcher(line);
            if (m.find()) {
                columns.add(m.group(1));
            }
        }
        return columns;
    }
}
