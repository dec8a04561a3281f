package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderMappingTest {

    @TempDir
    Path dir;

    final HeaderMapping commission = HeaderMapping.read("schema/mappings/commission_detail.csv");

    @Test
    void headersMatchIgnoringCaseSpacesUnderscoresHyphensDotsAndParentheses() {
        assertThat(HeaderMapping.normalise("Total Cost (Including Tax)")).isEqualTo("totalcostincludingtax");
        assertThat(HeaderMapping.normalise("total_cost-including.tax")).isEqualTo("totalcostincludingtax");
        assertThat(HeaderMapping.normalise("InstanceID")).isEqualTo(HeaderMapping.normalise("Instance ID"));
    }

    @Test
    void mapsEachHeaderByPositionAndKeepsUnknownOnesAsExtra() throws Exception {
        Path file = write("\uFEFF\"Commission Amount\",customer_account_id,Promo Tag,CUSTOMER-ACCOUNT-ID\r\n1,2,x,3\r\n");

        FileLayout layout = commission.layout(file, "raw/commission/a.csv");

        assertThat(layout.headers()).containsExactly("Commission Amount", "customer_account_id", "Promo Tag", "CUSTOMER-ACCOUNT-ID");
        // a second spelling of an already mapped column is kept as extra rather than dropped
        assertThat(layout.targets()).containsExactly("commission_amount", "customer_account_id", null, null);
        assertThat(layout.extraHeaders()).containsExactly("Promo Tag", "CUSTOMER-ACCOUNT-ID");
    }

    @Test
    void aMissingRequiredColumnNamesTheColumnTheHeaderTheFileAndWhatWasFound() throws Exception {
        Path file = write("Customer Account ID,Currency\n1,USD\n");

        assertThatThrownBy(() -> commission.layout(file, "raw/commission/b.csv"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessage("file raw/commission/b.csv: required column commission_amount (header 'Commission Amount' in "
                        + "schema/mappings/commission_detail.csv) is missing; headers found: [Customer Account ID, Currency]");
    }

    @Test
    void anEmptyFileHasNoHeaderAndFailsAsAMismatch() throws Exception {
        Path file = write("");

        assertThatThrownBy(() -> commission.layout(file, "raw/commission/c.csv"))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("headers found: []");
    }

    @Test
    void blankAndWhiteSpaceLinesBeforeTheHeaderAreSkipped() throws Exception {
        Path file = write("\uFEFF\r\n  \n\t\r\n\"Commission Amount\",Customer Account ID\r\n1,2\r\n");

        assertThat(commission.layout(file, "raw/commission/d.csv").targets())
                .containsExactly("commission_amount", "customer_account_id");
    }

    @Test
    void aControlCharacterInAHeaderNamesTheFileAndTheColumn() throws Exception {
        Path file = write("Commission Amount,Customer\u0000Account ID\n1,2\n");

        assertThatThrownBy(() -> commission.layout(file, "raw/commission/e.csv")).isInstanceOf(RawFileException.class)
                .hasMessage("file raw/commission/e.csv: the header of column 2 ('Customer\\u0000Account ID', after "
                        + "'Commission Amount') holds the control character U+0000; the header row is damaged. "
                        + "Ask the sender for the file again");
    }

    @Test
    void aHeaderThatIsNotUtf8NamesTheOffsetAndTheLikelyEncoding() throws Exception {
        // 佣 is D3 B6 in GB18030, which UTF-8 reads as one character; 金 starts with BD, which starts none
        Path file = Files.write(dir.resolve("g.csv"), "佣金,Customer Account ID\n1,2\n".getBytes(java.nio.charset.Charset.forName("GB18030")));

        assertThatThrownBy(() -> commission.layout(file, "raw/commission/g.csv")).isInstanceOf(RawFileException.class)
                .hasMessageStartingWith("file raw/commission/g.csv is not UTF-8 text: at byte offset 2 (line 1, column 1 of the header) byte 0xBD")
                .hasMessageContaining("GB18030");
    }

    @Test
    void aBadByteAfterTheHeaderIsLeftToTheNumberedCopy() throws Exception {
        Path file = Files.write(dir.resolve("h.csv"), "Commission Amount,Customer Account ID\n1,佣金\n"
                .getBytes(java.nio.charset.Charset.forName("GB18030")));

        assertThat(commission.layout(file, "raw/commission/h.csv").headers())
                .containsExactly("Commission Amount", "Customer Account ID");
    }

    @Test
    void everyMappingNamesOnlyColumnsOfItsTable() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            var tables = TableSchema.readAll();
            for (String table : Arrays.asList("bill_l2", "bill_l3", "commission_detail")) {
                var columns = TableSchema.named(tables, table).columns(connection).stream().map(TableSchema.Column::name).toList();
                assertThat(columns).as(table).containsAll(HeaderMapping.read("schema/mappings/" + table + ".csv").columns());
            }
            assertThat(tables).extracting(TableSchema::name)
                    .containsExactly("bill_l3", "bill_l2", "commission_detail", "load_log", "rejected_rows",
                            "bill_summary_by_region", "bill_summary_by_product", "bill_summary_by_pay_mode",
                            "bill_summary_by_pay_mode_action", "voucher_usage", "customer_month", "reconciliation",
                            "bill_l3_history", "bill_l2_history", "commission_detail_history");
        }
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve("f.csv"), content, StandardCharsets.UTF_8);
    }
}
