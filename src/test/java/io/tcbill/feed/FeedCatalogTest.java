package io.tcbill.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedCatalogTest {

    private static final String L3_EDITED = """
            feed: l3
            table: bill_l3
            mapping: schema/mappings/bill_l3.csv
            sources:
              own:      { action: DescribeBillDownloadUrl,         file-type: L3 }
              customer: { action: DescribeCustomerBillDownloadUrl, file-type: billDetail }
            schedule:
              cron: "0 15 6 7 * ?"
              time-zone: UTC
              months-back: [1, 2]
            """;

    @TempDir
    Path dir;

    @Test
    void aDescriptorInTheJobsDirectoryReplacesTheBuiltInOfItsFeedAndKeepsTheOthers() throws Exception {
        // given an edited l3.yml in the jobs directory
        Files.writeString(dir.resolve("l3.yml"), L3_EDITED);

        // when
        FeedCatalog catalog = FeedCatalog.load(dir, key -> null);

        // then l3 is scheduled as the file says (no restatement any more); l2 is still the built-in
        assertThat(catalog.get("l3").schedules())
                .containsExactly(new Feed.Schedule("l3", "0 15 6 7 * ?", "UTC", List.of(1, 2)));
        assertThat(catalog.get("l2").schedules()).isEqualTo(FeedCatalog.load().get("l2").schedules());
        assertThat(FeedCatalog.load().get("l3").schedules().get(0).cron()).isEqualTo("0 0 1 5 * ?");
    }

    @Test
    void aCronOrZonePropertyWinsOverTheDescriptor() throws Exception {
        // given the jobs directory's l3 and properties overriding the cron of l3 and the zone of l2's restatement
        Files.writeString(dir.resolve("l3.yml"), L3_EDITED);
        Map<String, String> properties = Map.of("tcbill.schedule.l3.cron", "0 0 2 6 * ?",
                "tcbill.schedule.l2-restatement.time-zone", "Europe/Berlin");

        // when
        FeedCatalog catalog = FeedCatalog.load(dir, properties::get);

        // then
        assertThat(catalog.get("l3").schedules())
                .containsExactly(new Feed.Schedule("l3", "0 0 2 6 * ?", "UTC", List.of(1, 2)));
        assertThat(catalog.get("l2").schedules().get(1))
                .isEqualTo(new Feed.Schedule("l2-restatement", "0 0 3 10 * ?", "Europe/Berlin", List.of(1, 2)));
    }

    @Test
    void aMalformedDescriptorIsAConfigurationErrorNamingTheFileAndTheProblemOnOneLine() throws Exception {
        // given a file whose YAML is broken
        Path broken = dir.resolve("l3.yml");
        Files.writeString(broken, "feed: l3\nschedule:\n  cron: \"0 0 1 5 * ?\n  time-zone: UTC\n");

        // then
        assertThatThrownBy(() -> FeedCatalog.load(dir, key -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("feed descriptor " + broken + " is malformed: ")
                .hasMessageContaining("found unexpected end of stream at line 5, column 1 (while scanning a quoted"
                        + " scalar at line 3, column 9)")
                .hasMessageEndingWith("fix the file or remove it from the jobs directory to use the built-in descriptor")
                .message().doesNotContain("\n");
    }

    @Test
    void aBadCronInTheDirectoryOrInAPropertyIsRefusedNamingWhereItCameFrom() throws Exception {
        Files.writeString(dir.resolve("l3.yml"), L3_EDITED.replace("0 15 6 7 * ?", "0 15 6 7 *"));
        assertThatThrownBy(() -> FeedCatalog.load(dir, key -> null))
                .hasMessageStartingWith(dir.resolve("l3.yml") + ": schedule l3 has an invalid cron '0 15 6 7 *'");

        assertThatThrownBy(() -> FeedCatalog.load(null, Map.of("tcbill.schedule.l2.time-zone", "Singapore/Nowhere")::get))
                .hasMessageStartingWith("tcbill.schedule.l2.cron / tcbill.schedule.l2.time-zone: schedule l2 has an"
                        + " unknown time zone 'Singapore/Nowhere'");
    }

    @Test
    void aMissingJobsDirectoryIsAConfigurationError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> FeedCatalog.load(missing, key -> null))
                .hasMessage("the jobs directory " + missing.toAbsolutePath() + " (tcbill.jobs.dir, TCBILL_JOBS_DIR) does"
                        + " not exist or is not a directory");
    }

    @Test
    void aScheduleOverrideThatNamesNoScheduleIsRefusedRatherThanIgnored() {
        FeedCatalog catalog = FeedCatalog.load();
        catalog.requireKnownScheduleOverrides(List.of("TCBILL_SCHEDULE_L3_RESTATEMENT_CRON", "tcbill.schedule.l2.time-zone",
                "PATH", "tcbill.jobs.dir"));

        assertThatThrownBy(() -> catalog.requireKnownScheduleOverrides(List.of("TCBILL_SCHEDULE_L4_CRON")))
                .hasMessageStartingWith("TCBILL_SCHEDULE_L4_CRON names no schedule; set tcbill.schedule.<schedule>.cron"
                        + " or .time-zone for one of commission, l2, l2-restatement, l3, l3-restatement");
    }

    @Test
    void aDescriptorsRolesChooseTheFeedsOfEachRoleAndAnUnknownRoleIsRefused() throws Exception {
        // given l3 limited to the reseller role
        Files.writeString(dir.resolve("l3.yml"), L3_EDITED + "roles: [Reseller]\n");

        // then a customer account no longer pulls it; a reseller still does
        FeedCatalog catalog = FeedCatalog.load(dir, key -> null);
        assertThat(catalog.namesFor(Role.CUSTOMER)).containsExactly("l2");
        assertThat(catalog.namesFor(Role.RESELLER)).contains("l3", "summaries");

        // and a role that does not exist is refused, naming the file and the roles
        Files.writeString(dir.resolve("l3.yml"), L3_EDITED + "roles: [distributor]\n");
        assertThatThrownBy(() -> FeedCatalog.load(dir, key -> null))
                .hasMessageContaining("feed descriptor " + dir.resolve("l3.yml") + ": each of roles must be customer or"
                        + " reseller, not 'distributor'");
    }
}
