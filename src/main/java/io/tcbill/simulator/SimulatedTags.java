package io.tcbill.simulator;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost-allocation tag columns of the simulated bill files (one {@code Tag:<key>} column per enabled tag key, as
 * Tencent adds them): {@code env} every month, {@code team} from {@link #TEAM_FROM} on, as a customer who enables a
 * second key later. Two customers in three tag their resources; a resource's values follow from its instance id, not
 * the row's random stream, so the rows' amounts (and every expected total) are the same as without tags.
 */
final class SimulatedTags {

    /** The first month whose files have the {@code Tag:team} column. */
    static final YearMonth TEAM_FROM = YearMonth.of(2025, 1);

    private static final List<String> ENV = List.of("prod", "staging", "dev", "");
    /** Values a loader must escape and keep exactly: a quote, a backslash, Chinese text. */
    private static final List<String> TEAM = List.of("数据平台", "web \"shop\"", "ops\\infra", "");

    private SimulatedTags() {
    }

    /** The tag keys whose columns the files of {@code month} have, in column order. */
    static List<String> keys(YearMonth month) {
        List<String> keys = new ArrayList<>(List.of("env"));
        if (!month.isBefore(TEAM_FROM)) {
            keys.add("team");
        }
        return List.copyOf(keys);
    }

    static String header(String key) {
        return "Tag:" + key;
    }

    /** The row's column name of a tag key, as {@link FileMapping.Row#put} takes it. */
    static String column(String key) {
        return "tag:" + key;
    }

    /** Puts the tags of {@code owner}'s resource {@code instanceId} into the row (a key the month lacks is ignored). */
    static void fill(FileMapping.Row row, long owner, String instanceId) {
        if (Math.floorMod(Seeds.mix(owner, 7), 3) == 0) {
            return;
        }
        long resource = Seeds.mix(owner, instanceId.hashCode());
        row.put(column("env"), ENV.get((int) Math.floorMod(resource, (long) ENV.size())));
        row.put(column("team"), TEAM.get((int) Math.floorMod(resource >>> 8, (long) TEAM.size())));
    }
}
