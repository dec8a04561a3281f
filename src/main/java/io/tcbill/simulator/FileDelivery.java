package io.tcbill.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "is my file ready?" answer shared by the download-URL actions: the first {@code pollsBeforeReady} calls for the
 * same request answer {@code Ready:0, DownloadUrl:""}, later ones {@code Ready:1} with a fresh link, unless a
 * {@link SimulatorFaults#neverReady} fault holds the file back.
 */
final class FileDelivery {

    private final DownloadLinks links;
    private final SimulatorFaults faults;
    private final int pollsBeforeReady;
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    FileDelivery(DownloadLinks links, SimulatorFaults faults, int pollsBeforeReady) {
        this.links = links;
        this.faults = faults;
        this.pollsBeforeReady = pollsBeforeReady;
    }

    /**
     * @param requestKey the action and every parameter of the call: each distinct request is generated on its own
     * @param file       the file the request resolves to
     */
    Map<String, Object> answer(String requestKey, BillFile file) {
        int poll = polls.computeIfAbsent(requestKey, k -> new AtomicInteger()).incrementAndGet();
        boolean ready = poll > pollsBeforeReady && !faults.isNeverReady(file);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("DownloadUrl", ready ? links.issue(file) : "");
        response.put("Ready", ready ? 1 : 0);
        return response;
    }
}
