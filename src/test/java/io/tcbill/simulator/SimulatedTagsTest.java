package io.tcbill.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import java.io.ByteArrayOutputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SimulatedTagsTest {

    private static final YearMonth BEFORE = SimulatedTags.TEAM_FROM.minusMonths(1);
    private static final YearMonth FROM = SimulatedTags.TEAM_FROM;

    private final BillData data = new BillData(SimulatorConfig.defaults());

    @Test
    void aSecondTagKeyIsAColumnFromItsMonthOnInSingleFilesAndPacks() throws Exception {
        long customer = data.customerUins().get(0);

        assertThat(header(csv("l3", BEFORE, customer))).endsWith(",Billable Month,Tag:env");
        assertThat(header(csv("l3", FROM, customer))).endsWith(",Billable Month,Tag:env,Tag:team");
        assertThat(header(csv("l2", FROM, customer))).endsWith(",Tag:env,Tag:team");
        assertThat(header(csv("commission", FROM, null))).doesNotContain("Tag:");
    }

    @Test
    void someCustomersTagSomeResourcesWithValuesNeedingEscapes() throws Exception {
        Set<String> teams = new TreeSet<>();
        int tagged = 0;
        int untagged = 0;
        for (long customer : data.customerUins()) {
            List<CSVRecord> rows = BillDataTest.parse(csv("l3", FROM, customer));
            if (rows.isEmpty()) {
                continue;
            }
            boolean any = rows.stream().anyMatch(r -> !r.get("Tag:env").isEmpty() || !r.get("Tag:team").isEmpty());
            if (any) {
                tagged++;
            } else {
                untagged++;
            }
            rows.forEach(r -> teams.add(r.get("Tag:team")));
            // one resource, one set of tags
            rows.stream().filter(r -> r.get("InstanceID").equals(rows.get(0).get("InstanceID")))
                    .forEach(r -> assertThat(r.get("Tag:env")).isEqualTo(rows.get(0).get("Tag:env")));
        }
        assertThat(tagged).isPositive();
        assertThat(untagged).isPositive();
        assertThat(teams).contains("", "数据平台", "web \"shop\"", "ops\\infra");
    }

    @Test
    void tagsChangeNoOtherValueOfAnyRowSoEveryExpectedTotalStays() {
        long customer = data.customerUins().get(1);
        BillFile file = new BillFile("l3", FROM, customer);
        FileMapping untagged = FileMapping.forFeed(FeedCatalog.load(), "l3", "total_cost");
        CsvRowGenerator plain = CsvRowGenerator.of(file, SimulatorConfig.defaults().seed(), new SimulatedAccounts(SimulatorConfig.defaults()));
        FileMapping.Row row = untagged.newRow();
        List<List<String>> withoutTags = new ArrayList<>();
        List<List<String>> withTags = new ArrayList<>();

        for (long i = 0; i < SimulatorConfig.defaults().customerL3Rows(); i++) {
            row.clear();
            plain.fill(row, i);
            withoutTags.add(List.copyOf(Arrays.asList(row.values())));
        }
        data.forEachRow(file, r -> withTags.add(List.copyOf(Arrays.asList(r.values()).subList(0, untagged.headers().size()))));

        assertThat(withTags).isEqualTo(withoutTags);
    }

    private byte[] csv(String feed, YearMonth month, Long customer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.writeCsv(feed, month, customer, out);
        return out.toByteArray();
    }

    private static String header(byte[] csv) {
        return new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }
}
