package io.tcbill.load;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native memory all of tcbill's DuckDB databases may use together. Every DuckDB database tcbill opens (a load's
 * private in-memory one, {@code status}'s, the status page's read-only view of the analysts' file) is opened through
 * {@link #connect}: at most {@code max-open-databases} are open at once in the process, each with {@code memory_limit}
 * = the memory limit ÷ that number and the configured threads; one more waits until one closes. A thread that already
 * holds a database opens a second one without waiting (it would otherwise wait for itself).
 */
public final class DuckDbBudget {

    private static final Logger log = LoggerFactory.getLogger(DuckDbBudget.class);
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([KMGT])(i?)B");
    private static final Map<Settings, DuckDbBudget> BUDGETS = new ConcurrentHashMap<>();
    private static final ThreadLocal<AtomicInteger> HELD = ThreadLocal.withInitial(AtomicInteger::new);
    private static volatile DuckDbDefaults defaults;
    private static volatile DuckDbBudget current;

    private final long totalBytes;
    private final int threads;
    private final int maxOpen;
    private final Semaphore open;

    private record Settings(String memoryLimit, int threads, int maxOpen) {
    }

    private DuckDbBudget(long totalBytes, int threads, int maxOpen) {
        this.totalBytes = totalBytes;
        this.threads = threads;
        this.maxOpen = maxOpen;
        this.open = new Semaphore(maxOpen, true);
    }

    /** The budget of these settings, shared by every caller with the same settings; becomes the {@link #current()} one. */
    public static DuckDbBudget of(DuckDbProperties properties) {
        Settings settings = new Settings(properties.memoryLimit(), properties.threads(), properties.maxOpenDatabases());
        DuckDbBudget budget = BUDGETS.computeIfAbsent(settings, DuckDbBudget::create);
        current = budget;
        return budget;
    }

    /** The budget of the last configuration seen in this process, or the derived defaults before any. */
    public static DuckDbBudget current() {
        DuckDbBudget budget = current;
        return budget != null ? budget : of(DuckDbProperties.at(java.nio.file.Path.of("data/tcbill.duckdb")));
    }

    private static DuckDbBudget create(Settings settings) {
        DuckDbDefaults derived = settings.memoryLimit() == null || settings.threads() == 0 ? defaults() : null;
        long total = settings.memoryLimit() == null ? derived.memoryLimitBytes() : bytes(settings.memoryLimit());
        int threads = settings.threads() == 0 ? derived.threads() : settings.threads();
        DuckDbBudget budget = new DuckDbBudget(total, threads, settings.maxOpen());
        log.info("DuckDB: memory limit {} MiB for all databases together (at most {} open at once, {} each), {} thread(s)"
                        + " each; memory limit from {}; threads from {}", total / DuckDbDefaults.MIB, settings.maxOpen(),
                budget.perDatabaseLimit(), threads,
                settings.memoryLimit() == null ? derived.memorySource() : "tcbill.duckdb.memory-limit=" + settings.memoryLimit(),
                settings.threads() == 0 ? derived.threadSource() : "tcbill.duckdb.threads=" + settings.threads());
        return budget;
    }

    private static DuckDbDefaults defaults() {
        DuckDbDefaults known = defaults;
        if (known == null) {
            known = DuckDbDefaults.detect();
            defaults = known;
        }
        return known;
    }

    /** A size as DuckDB reads it: KB, MB, GB, TB are powers of 1000, KiB, MiB, GiB, TiB powers of 1024. */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size like 512MB or 2GiB: " + size);
        }
        double base = m.group(3).isEmpty() ? 1000 : 1024;
        int power = "KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(base, power));
    }

    /** The container's memory limit in bytes (cgroup v2 or v1), or -1 when there is none; e.g. for {@code bench}. */
    public static long containerMemory() {
        return ContainerLimits.detect().memoryBytes();
    }

    /** The memory limit of all databases together, in bytes. */
    public long totalBytes() {
        return totalBytes;
    }

    /** DuckDB's {@code memory_limit} of each database, e.g. {@code 64MiB}. */
    public String perDatabaseLimit() {
        return Math.max(1, totalBytes / maxOpen / DuckDbDefaults.MIB) + "MiB";
    }

    /** DuckDB's {@code threads} of each database. */
    public int threads() {
        return threads;
    }

    /** How many databases may be open at once. */
    public int maxOpenDatabases() {
        return maxOpen;
    }

    /**
     * Opens a DuckDB database ({@code jdbc:duckdb:} in memory, or a file) with its share of the budget, waiting while
     * the most databases are open; closing the connection gives the share back. Extensions are never downloaded nor
     * auto-loaded (only the statically linked parquet/json/icu are used).
     */
    public Connection connect(String url, Properties info) throws SQLException {
        AtomicInteger held = HELD.get(); // this thread's, even when another thread closes the connection
        boolean nested = held.get() > 0;
        if (!nested) {
            try {
                open.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for one of the " + maxOpen + " DuckDB databases to close");
            }
        }
        held.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                held.decrementAndGet();
                if (!nested) {
                    open.release();
                }
            }
        };
        try {
            Connection connection = DriverManager.getConnection(url, info == null ? new Properties() : info);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET autoinstall_known_extensions = false");
                settings.execute("SET autoload_known_extensions = false");
                settings.execute("SET memory_limit = '" + perDatabaseLimit() + "'");
                settings.execute("SET threads = " + threads);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return released(connection, release);
        } catch (SQLException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** The connection, giving its share back on its first close. */
    private static Connection released(Connection connection, Runnable release) {
        return (Connection) Proxy.newProxyInstance(DuckDbBudget.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            release.run();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
