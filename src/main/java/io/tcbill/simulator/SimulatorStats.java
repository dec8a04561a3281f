package io.tcbill.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator has seen, for tests and the demo to assert on: requests per action, rate-limit refusals, the
 * busiest one-second window per action, error codes answered, downloads served or denied, and link faults injected.
 */
public final class SimulatorStats {

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxPerSecond = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong downloadsDenied = new AtomicLong();
    private final AtomicLong rangeDownloads = new AtomicLong();
    private final Map<SimulatorFaults.LinkFault.Kind, AtomicLong> linkFaults = new ConcurrentHashMap<>();

    /** API requests that named this action in {@code X-TC-Action}, answered with success or error. */
    public long requests(String action) {
        return get(requests, action);
    }

    /** Requests per action, sorted by action name. */
    public Map<String, Long> requestsByAction() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((action, count) -> copy.put(action, count.get()));
        return copy;
    }

    /** How many calls of this action were answered {@code RequestLimitExceeded}. */
    public long requestLimitExceeded(String action) {
        return get(rateLimited, action);
    }

    /** The most requests of this action that arrived within any one second (refused ones included). */
    public int maxRequestsPerSecond(String action) {
        return maxPerSecond.getOrDefault(action, 0);
    }

    /** How many responses carried this error code (e.g. {@code AuthFailure.SignatureFailure}). */
    public long errors(String code) {
        return get(errors, code);
    }

    /** Link downloads answered 200 or 206. */
    public long downloads() {
        return downloads.get();
    }

    /** Link downloads refused (bad signature, expired, unknown file). */
    public long downloadsDenied() {
        return downloadsDenied.get();
    }

    /** Link downloads answered 206 to a {@code Range} request (included in {@link #downloads()}). */
    public long rangeDownloads() {
        return rangeDownloads.get();
    }

    /** Downloads cut by {@link SimulatorFaults#expireLinksAfterBytes}, each leaving its link expired. */
    public long linksExpiredMidTransfer() {
        return linkFaults(SimulatorFaults.LinkFault.Kind.EXPIRE);
    }

    /** Downloads cut by {@link SimulatorFaults#dropConnectionAfterBytes}. */
    public long connectionsDropped() {
        return linkFaults(SimulatorFaults.LinkFault.Kind.DROP);
    }

    /** Downloads sent short by {@link SimulatorFaults#shortBody}. */
    public long shortBodies() {
        return linkFaults(SimulatorFaults.LinkFault.Kind.SHORT_BODY);
    }

    void recordRequest(String action) {
        requests.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    }

    void recordWindow(String action, int requestsInLastSecond) {
        maxPerSecond.merge(action, requestsInLastSecond, Math::max);
    }

    void recordRateLimited(String action) {
        rateLimited.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    }

    void recordError(String code) {
        errors.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
    }

    void recordDownload(boolean served) {
        (served ? downloads : downloadsDenied).incrementAndGet();
    }

    void recordRangeDownload() {
        rangeDownloads.incrementAndGet();
    }

    void recordLinkFault(SimulatorFaults.LinkFault.Kind kind) {
        linkFaults.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private long linkFaults(SimulatorFaults.LinkFault.Kind kind) {
        AtomicLong counter = linkFaults.get(kind);
        return counter == null ? 0 : counter.get();
    }

    private static long get(Map<String, AtomicLong> counters, String key) {
        AtomicLong counter = counters.get(key);
        return counter == null ? 0 : counter.get();
    }
}
