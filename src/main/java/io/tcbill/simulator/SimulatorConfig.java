package io.tcbill.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link PartnerSimulator} behaves and what data it serves.
 *
 * @param port             TCP port on 127.0.0.1; 0 picks a free one
 * @param seed             seed of every generated value (UINs, rows, file names)
 * @param credentials      SecretId to SecretKey pairs the simulator accepts
 * @param customers        number of customer UINs, the empty ones included
 * @param emptyCustomers   how many of those customers have files with a header and no rows
 * @param pollsBeforeReady how many calls for one file answer {@code Ready:0} before it is ready
 * @param linkTtl          validity of a download link
 * @param ownL3Rows        rows of the caller's own L3 file per month
 * @param ownL2Rows        rows of the caller's own L2 file per month
 * @param customerL3Rows   rows of each non-empty customer's L3 file per month
 * @param customerL2Rows   rows of each non-empty customer's L2 file per month
 * @param commissionRows   rows of the commission file per month
 * @param clock            time source for signature skew, month finality and link expiry
 * @param latestFinalMonth the last month with final bills (later months answer InvalidMonth); null derives it from
 *                         the clock: month M is final after 01:00 UTC+8 on the 5th of M+1
 * @param packRowLimit     most data rows in one CSV entry of a bill package ZIP; more rows split into further entries
 * @param rateLimits       per-action requests per second that replace the documented limits (e.g. to speed up tests)
 * @param resellerCustomers 0: the caller is a reseller; more: it is a distributor with {@value #SECOND_LEVEL_RESELLERS}
 *                         second-level resellers ({@code CustomerUinType} Reseller, each with its own bills), each with
 *                         this many customers (ResellerCustomer), besides its {@code customers} (Customer)
 * @param fileLayout       the columns of the bill files: {@link FileLayout#Y2022} (default), {@link FileLayout#Y2024}
 *                         or {@link FileLayout#AUTO} (each month as Tencent writes it); the language follows each
 *                         request's {@code FileLanguage}
 */
public record SimulatorConfig(int port, long seed, Map<String, String> credentials, int customers, int emptyCustomers,
                              int pollsBeforeReady, Duration linkTtl, int ownL3Rows, int ownL2Rows, int customerL3Rows,
                              int customerL2Rows, int commissionRows, Clock clock, YearMonth latestFinalMonth,
                              int packRowLimit, Map<String, Integer> rateLimits, int resellerCustomers,
                              FileLayout fileLayout) {

    /** How many second-level resellers a distributor ({@code resellerCustomers > 0}) has. */
    public static final int SECOND_LEVEL_RESELLERS = 2;

    /** A fixed demo credential pair, printed by {@code tcbill simulate}; not a secret. */
    public static final String DEMO_SECRET_ID = "AKIDtcbillSimulatorDemoKey000000000";
    public static final String DEMO_SECRET_KEY = "tcbillSimulatorDemoSecret0000000";
    /** Rows per CSV entry of a bill package unless configured otherwise. */
    public static final int DEFAULT_PACK_ROW_LIMIT = 1_000_000;

    public SimulatorConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("simulator port must be 0..65535, was " + port);
        }
        credentials = Map.copyOf(Objects.requireNonNull(credentials, "credentials"));
        if (customers < 0 || emptyCustomers < 0 || emptyCustomers > customers) {
            throw new IllegalArgumentException("need 0 <= emptyCustomers <= customers, was " + emptyCustomers + " of " + customers);
        }
        if (pollsBeforeReady < 0) {
            throw new IllegalArgumentException("pollsBeforeReady must be >= 0, was " + pollsBeforeReady);
        }
        if (linkTtl == null || linkTtl.isNegative() || linkTtl.isZero()) {
            throw new IllegalArgumentException("linkTtl must be positive, was " + linkTtl);
        }
        if (ownL3Rows < 0 || ownL2Rows < 0 || customerL3Rows < 0 || customerL2Rows < 0 || commissionRows < 0) {
            throw new IllegalArgumentException("row counts must be >= 0");
        }
        if (ownL2Rows > ownL3Rows || customerL2Rows > customerL3Rows) {
            throw new IllegalArgumentException("an L2 file is made from the L3 file's rows, so it cannot have more: own L2 "
                    + ownL2Rows + " > L3 " + ownL3Rows + " or customer L2 " + customerL2Rows + " > L3 " + customerL3Rows);
        }
        Objects.requireNonNull(clock, "clock");
        if (packRowLimit < 1) {
            throw new IllegalArgumentException("packRowLimit must be >= 1, was " + packRowLimit);
        }
        if (resellerCustomers < 0) {
            throw new IllegalArgumentException("resellerCustomers must be >= 0, was " + resellerCustomers);
        }
        rateLimits = Map.copyOf(Objects.requireNonNull(rateLimits, "rateLimits"));
        fileLayout = fileLayout == null ? FileLayout.Y2022 : fileLayout;
        rateLimits.forEach((action, qps) -> {
            if (qps < 1) {
                throw new IllegalArgumentException("rate limit of " + action + " must be >= 1/s, was " + qps);
            }
        });
    }

    /**
     * Port 0, seed 42, the demo credentials, 5 customers (1 empty), 2 polls before ready, 1 h links, small files,
     * packs split every million rows, the documented rate limits.
     */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(0, 42L, Map.of(DEMO_SECRET_ID, DEMO_SECRET_KEY), 5, 1, 2, Duration.ofHours(1),
                500, 120, 200, 50, 60, Clock.systemUTC(), null,
                DEFAULT_PACK_ROW_LIMIT, Map.of(), 0, FileLayout.Y2022);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(newPort, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(port, newSeed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withCredentials(Map<String, String> newCredentials) {
        return new SimulatorConfig(port, seed, newCredentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withCustomers(int newCustomers, int newEmptyCustomers) {
        return new SimulatorConfig(port, seed, credentials, newCustomers, newEmptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withPollsBeforeReady(int polls) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, polls, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withLinkTtl(Duration ttl) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, ttl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    /** Row counts per month: own L3, own L2, each customer's L3, each customer's L2, commission. */
    public SimulatorConfig withRows(int ownL3, int ownL2, int customerL3, int customerL2, int commission) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3, ownL2, customerL3, customerL2, commission, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withClock(Clock newClock) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, newClock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    public SimulatorConfig withLatestFinalMonth(YearMonth month) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, month,
                packRowLimit, rateLimits, resellerCustomers, fileLayout);
    }

    /** Splits bill package CSVs every {@code rows} data rows. */
    public SimulatorConfig withPackRowLimit(int rows) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                rows, rateLimits, resellerCustomers, fileLayout);
    }

    /** Replaces the documented rate limit of one action (e.g. 1/s of the summaries) with {@code requestsPerSecond}. */
    public SimulatorConfig withRateLimit(String action, int requestsPerSecond) {
        Map<String, Integer> limits = new HashMap<>(rateLimits);
        limits.put(Objects.requireNonNull(action, "action"), requestsPerSecond);
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, limits, resellerCustomers, fileLayout);
    }

    /** Serves bill files of {@code layout} (2022, 2024 or auto: by month). */
    public SimulatorConfig withFileLayout(FileLayout layout) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, resellerCustomers, Objects.requireNonNull(layout, "layout"));
    }

    /** The configured limit of an action, or {@code documented} when none is configured. */
    public int rateLimit(String action, int documented) {
        return rateLimits.getOrDefault(action, documented);
    }

    /**
     * A distributor: besides its direct customers, {@value #SECOND_LEVEL_RESELLERS} second-level resellers with
     * {@code customersEach} customers each (0: a reseller again).
     */
    public SimulatorConfig withDistributor(int customersEach) {
        return new SimulatorConfig(port, seed, credentials, customers, emptyCustomers, pollsBeforeReady, linkTtl,
                ownL3Rows, ownL2Rows, customerL3Rows, customerL2Rows, commissionRows, clock, latestFinalMonth,
                packRowLimit, rateLimits, customersEach, fileLayout);
    }
}
