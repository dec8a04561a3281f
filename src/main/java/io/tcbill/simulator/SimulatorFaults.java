package io.tcbill.simulator;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults to switch on and off while the simulator runs, so a client's retry paths can be tested on purpose. Safe to
 * change from any thread; a change applies to the next request.
 *
 * <p>API faults count the calls that passed authentication and the rate limit: {@code serviceBusyEvery(3)} makes
 * every third such call answer {@code OperationDenied.ServiceBusy}. Setting a period restarts the count.
 */
public final class SimulatorFaults {

    private static final String OWN_FILES = "uin:self";
    private static final String ALL_CUSTOMERS = "uin:all";

    private final AtomicLong calls = new AtomicLong();
    private volatile int serviceBusyEvery;
    private volatile int internalErrorEvery;
    private final Set<String> neverReady = ConcurrentHashMap.newKeySet();
    private final Map<String, BigDecimal> summaryDeltas = new ConcurrentHashMap<>();

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

    /** Switches every fault off. */
    public SimulatorFaults reset() {
        serviceBusyEvery = 0;
        internalErrorEvery = 0;
        neverReady.clear();
        summaryDeltas.clear();
        calls.set(0);
        return this;
    }

    /** Counts one API call and returns the fault it must answer with, or null. */
    ApiError nextApiFault() {
        long call = calls.incrementAndGet();
        int busy = serviceBusyEvery;
        int internal = internalErrorEvery;
        if (busy > 0 && call % busy == 0) {
            return new ApiError("OperationDenied.ServiceBusy", "System busy. Please try again later.");
        }
        if (internal > 0 && call % internal == 0) {
            return new ApiError("InternalError", "An internal error has occurred. Please retry later.");
        }
        return null;
    }

    /** Whether a file is held back: by its customer (or own-files) fault or its feed's; a package only by its feed's. */
    boolean isNeverReady(BillFile file) {
        if (file.pack()) {
            return neverReady.contains("feed:" + file.feed());
        }
        String uin = file.customerUin() == null ? OWN_FILES : "uin:" + file.customerUin();
        return neverReady.contains(uin) || neverReady.contains("feed:" + file.feed());
    }

    /** What to add to the customer's summary {@code TotalCost}; zero without a fault. */
    BigDecimal summaryDelta(long customerUin) {
        BigDecimal delta = summaryDeltas.get("uin:" + customerUin);
        return delta != null ? delta : summaryDeltas.getOrDefault(ALL_CUSTOMERS, BigDecimal.ZERO);
    }

    private static int requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a fault period must be >= 0 (0 = off), was " + n);
        }
        return n;
    }
}
