package io.tcbill.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults to switch on and off while the simulator runs, so a client's retry paths can be tested on purpose. Safe to
 * change from any thread; a change applies to the next request.
 *
 * <p>API faults count the calls that passed authentication and the rate limit: {@code serviceBusyEvery(3)} makes
 * every third such call answer {@code OperationDenied.ServiceBusy}. Setting a period restarts the count.
 *
 * <p>Link faults act on the downloads behind the links ({@code GET /cos/...}), as real links misbehave: a link that
 * expires mid-transfer, a dropped connection, a body shorter than its {@code Content-Length}. An expiry or a drop applies
 * only to a response longer than its byte count; {@link SimulatorStats} counts each fault injected.
 */
public final class SimulatorFaults {

    private static final String OWN_FILES = "uin:self";
    private static final String ALL_CUSTOMERS = "uin:all";

    private final AtomicLong calls = new AtomicLong();
    private volatile int serviceBusyEvery;
    private volatile int internalErrorEvery;
    private final AtomicInteger serviceBusyStorm = new AtomicInteger();
    private volatile long expireLinksAfterBytes;
    private volatile long dropAfterBytes;
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger shortBodies = new AtomicInteger();
    private final Set<String> neverReady = ConcurrentHashMap.newKeySet();
    private final Map<String, BigDecimal> summaryDeltas = new ConcurrentHashMap<>();
    private final Map<String, Replacement> replacements = new ConcurrentHashMap<>();
    private volatile int customersListed = -1;
    private volatile int customersTotal = -1;

    /** Every {@code n}-th API call answers {@code OperationDenied.ServiceBusy}; 0 switches it off. */
    public SimulatorFaults serviceBusyEvery(int n) {
        serviceBusyEvery = requireNonNegative(n);
        calls.set(0);
        return this;
    }

    /** Every {@code n}-th API call answers {@code InternalError}; 0 switches it off. */
    public SimulatorFaults internalErrorEvery(int n) {
        internalErrorEvery = requireNonNegative(n);
        calls.set(0);
        return this;
    }

    /** The next {@code consecutive} API calls all answer {@code OperationDenied.ServiceBusy}; 0 ends a storm. */
    public SimulatorFaults serviceBusyStorm(int consecutive) {
        serviceBusyStorm.set(requireNonNegative(consecutive));
        return this;
    }

    /**
     * Every download is cut (the connection closed) after {@code bytes} bytes of its response, and its link then
     * answers 403 {@code AccessDenied} "Request has expired", as if the link's hour ran out mid-transfer; a fresh link
     * from the API works (and expires the same way). 0 switches it off.
     */
    public SimulatorFaults expireLinksAfterBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count must be >= 0 (0 = off), was " + bytes);
        }
        expireLinksAfterBytes = bytes;
        return this;
    }

    /** The next {@code times} downloads are cut after {@code bytes} bytes of their response; the link stays valid. */
    public SimulatorFaults dropConnectionAfterBytes(long bytes, int times) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte count must be >= 0, was " + bytes);
        }
        dropAfterBytes = bytes;
        drops.set(requireNonNegative(times));
        return this;
    }

    /**
     * The next {@code times} downloads announce their full {@code Content-Length} but send only the first 90% of
     * the bytes (at least one byte short), then close the connection.
     */
    public SimulatorFaults shortBody(int times) {
        shortBodies.set(requireNonNegative(times));
        return this;
    }

    /** The files of that customer (null: the caller's own files) stay {@code Ready:0} forever. */
    public SimulatorFaults neverReady(Long customerUin) {
        neverReady.add(customerUin == null ? OWN_FILES : "uin:" + customerUin);
        return this;
    }

    /**
     * The summaries of that customer (null: of every customer) report a {@code TotalCost} off by {@code delta}: the
     * first item of ByRegion, ByProduct and ByPayMode (and that pay mode's first action type) carry it, so each
     * summary's total differs from the customer's L3 file by exactly {@code delta}. A later call replaces the delta.
     */
    public SimulatorFaults summaryMismatch(Long customerUin, BigDecimal delta) {
        summaryDeltas.put(customerUin == null ? ALL_CUSTOMERS : "uin:" + customerUin, Objects.requireNonNull(delta, "delta"));
        return this;
    }

    /**
     * Every file of that feed ({@code l2}, {@code l3}, {@code commission}) stays {@code Ready:0} forever, the feed's
     * bill package included.
     */
    public SimulatorFaults neverReady(String feed) {
        neverReady.add("feed:" + BillFile.feedName(feed));
        return this;
    }

    /**
     * The files of that customer (null: the caller's own files) are answered {@code 200} with {@code body} as
     * {@code contentType} instead of the bill, with its {@code Content-Length}, as a misconfigured proxy or CDN in front
     * of the bucket would; a later call replaces the body.
     */
    public SimulatorFaults replaceFile(Long customerUin, String contentType, byte[] body) {
        replacements.put(customerUin == null ? OWN_FILES : "uin:" + customerUin,
                new Replacement(Objects.requireNonNull(contentType, "contentType"), body.clone()));
        return this;
    }

    /**
     * {@code DescribeCustomerUin} lists only the first {@code listed} customers over all its pages and reports
     * {@code total} as its {@code Total}, as a list that contradicts itself (or, with both 0, an empty list) would.
     */
    public SimulatorFaults customerList(int listed, int total) {
        customersListed = requireNonNegative(listed);
        customersTotal = requireNonNegative(total);
        return this;
    }

    /** Switches every fault off. */
    public SimulatorFaults reset() {
        serviceBusyEvery = 0;
        internalErrorEvery = 0;
        serviceBusyStorm.set(0);
        expireLinksAfterBytes = 0;
        dropAfterBytes = 0;
        drops.set(0);
        shortBodies.set(0);
        neverReady.clear();
        summaryDeltas.clear();
        replacements.clear();
        customersListed = -1;
        customersTotal = -1;
        calls.set(0);
        return this;
    }

    /** Counts one API call and returns the fault it must answer with, or null. */
    ApiError nextApiFault() {
        long call = calls.incrementAndGet();
        int busy = serviceBusyEvery;
        int internal = internalErrorEvery;
        if (takeOne(serviceBusyStorm) || busy > 0 && call % busy == 0) {
            return new ApiError("OperationDenied.ServiceBusy", "System busy. Please try again later.");
        }
        if (internal > 0 && call % internal == 0) {
            return new ApiError("InternalError", "An internal error has occurred. Please retry later.");
        }
        return null;
    }

    /** What a download of {@code length} bytes must suffer, or null; an injected drop or short body is used up. */
    LinkFault nextLinkFault(long length) {
        long expireAfter = expireLinksAfterBytes;
        if (expireAfter > 0 && expireAfter < length) {
            return new LinkFault(LinkFault.Kind.EXPIRE, expireAfter);
        }
        long dropAfter = dropAfterBytes;
        if (dropAfter < length && takeOne(drops)) {
            return new LinkFault(LinkFault.Kind.DROP, dropAfter);
        }
        if (length > 0 && takeOne(shortBodies)) {
            return new LinkFault(LinkFault.Kind.SHORT_BODY, Math.min(length - 1, length * 9 / 10));
        }
        return null;
    }

    /** A download fault: what kind, and after how many bytes of the response the connection is closed. */
    record LinkFault(Kind kind, long cutAfter) {
        enum Kind { EXPIRE, DROP, SHORT_BODY }
    }

    /** Whether a file is held back: by its customer (or own-files) fault or its feed's; a package only by its feed's. */
    boolean isNeverReady(BillFile file) {
        if (file.pack()) {
            return neverReady.contains("feed:" + file.feed());
        }
        String uin = file.customerUin() == null ? OWN_FILES : "uin:" + file.customerUin();
        return neverReady.contains(uin) || neverReady.contains("feed:" + file.feed());
    }

    /** What to serve instead of {@code file}, or null to serve the file; a package is never replaced. */
    Replacement replacement(BillFile file) {
        return file.pack() ? null : replacements.get(file.customerUin() == null ? OWN_FILES : "uin:" + file.customerUin());
    }

    /** A body served instead of a bill file. */
    record Replacement(String contentType, byte[] body) {
    }

    /** What to add to the customer's summary {@code TotalCost}; zero without a fault. */
    BigDecimal summaryDelta(long customerUin) {
        BigDecimal delta = summaryDeltas.get("uin:" + customerUin);
        return delta != null ? delta : summaryDeltas.getOrDefault(ALL_CUSTOMERS, BigDecimal.ZERO);
    }

    /** The customers {@code DescribeCustomerUin} lists: all of them without a {@link #customerList} fault. */
    List<Long> listedCustomers(List<Long> customers) {
        int listed = customersListed;
        return listed < 0 ? customers : customers.subList(0, Math.min(listed, customers.size()));
    }

    /** The {@code Total} {@code DescribeCustomerUin} reports for {@code customers}. */
    int customerTotal(List<Long> customers) {
        int total = customersTotal;
        return total < 0 ? customers.size() : total;
    }

    private static boolean takeOne(AtomicInteger left) {
        return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a fault period must be >= 0 (0 = off), was " + n);
        }
        return n;
    }
}
