package io.tcbill.cli;

import io.tcbill.feed.Role;
import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/**
 * The checks on {@code --feed} and {@code --customer} shared by {@code run} and {@code backfill}: names known (each
 * once), the month not before the first month a feed has bills for, and the feeds and customers possible for the
 * configured role. Problems are usage errors (exit code 2) that say what to change.
 */
final class FeedArguments {

    private FeedArguments() {
    }

    /** The feeds named on the command line, trimmed, lower case and each once; an unknown name is a usage error. */
    static List<String> named(List<String> feeds, FeedCatalog catalog, CommandLine commandLine) {
        Set<String> names = new LinkedHashSet<>();
        for (String feed : feeds) {
            try {
                names.add(catalog.get(feed.trim()).name());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
        }
        return List.copyOf(names);
    }

    /** A feed asked for by name must have bills for {@code month}; otherwise a usage error naming its first month. */
    static void requireServed(List<String> feeds, YearMonth month, String option, FeedCatalog catalog,
                              CommandLine commandLine) {
        for (String name : feeds) {
            YearMonth earliest = catalog.get(name).earliestMonth();
            if (month.isBefore(earliest)) {
                throw new CommandLine.ParameterException(commandLine, option + " " + month + " is before " + earliest
                        + ", the first month the Partner API has " + name + " bills for");
            }
        }
    }

    /**
     * {@code --customer} limits per-customer feeds only; with feeds named and none of them pulled per customer (say
     * {@code commission}, one partner-wide file) it would be silently ignored, so that is a usage error.
     */
    static void requirePerCustomerFeed(List<String> feeds, List<Long> customers, FeedCatalog catalog,
                                       CommandLine commandLine) {
        if (customers.isEmpty() || feeds.isEmpty()) {
            return;
        }
        List<String> perCustomer = catalog.all().stream().filter(f -> f.has(Feed.SourceKind.CUSTOMER))
                .map(Feed::name).toList();
        if (feeds.stream().noneMatch(perCustomer::contains)) {
            throw new CommandLine.ParameterException(commandLine, "--customer limits the per-customer feeds ("
                    + String.join(", ", perCustomer) + ") and --feed " + String.join(",", feeds)
                    + " has none of them; drop --customer or add such a feed");
        }
    }

    /**
     * Why the feeds or customers cannot be pulled with the configured role, or null: the customer role pulls only
     * the account's own files, so per-customer feeds and {@code --customer} need the reseller role.
     */
    static String roleProblem(List<String> feeds, List<Long> customers, Role role, FeedCatalog catalog) {
        if (role == Role.RESELLER) {
            return null;
        }
        if (!customers.isEmpty()) {
            return "--customer needs tcbill.api.role=reseller (now " + role + "); the " + role
                    + " role pulls the account's own bills only";
        }
        for (String name : feeds) {
            Feed feed = catalog.get(name);
            if (!feed.has(Feed.SourceKind.OWN)) {
                return "feed " + name + " is pulled per customer and needs tcbill.api.role=reseller (now " + role
                        + "); the " + role + " role can pull: " + String.join(", ", ownFeeds(catalog));
            }
        }
        return null;
    }

    private static List<String> ownFeeds(FeedCatalog catalog) {
        return catalog.all().stream().filter(f -> f.has(Feed.SourceKind.OWN)).map(Feed::name).toList();
    }
}
