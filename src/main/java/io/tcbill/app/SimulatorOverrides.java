package io.tcbill.app;

import io.tcbill.feed.Role;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The properties that point a Spring context at a local simulator and keep every file under one directory: the
 * embedded object store, the DuckDB file and the H2 metadata. Used by {@code demo} and {@code bench}.
 */
public final class SimulatorOverrides {

    private SimulatorOverrides() {
    }

    public static Map<String, Object> of(PartnerSimulator simulator, Path dir, Role role) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("tcbill.api.endpoint", simulator.endpoint().toString());
        overrides.put("tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID);
        overrides.put("tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY);
        overrides.put("tcbill.api.role", role.toString());
        overrides.put("tcbill.download.allowed-hosts", "127.0.0.1");
        overrides.put("tcbill.poll.initial-interval", "200ms");
        overrides.put("tcbill.storage.endpoint", "");
        overrides.put("tcbill.storage.embedded-dir", dir.resolve("objects").toString());
        overrides.put("tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString());
        overrides.put("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        return overrides;
    }
}
