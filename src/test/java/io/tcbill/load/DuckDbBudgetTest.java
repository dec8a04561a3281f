package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real in-memory DuckDB databases opened through the budget: their settings, and how many are open at once. */
class DuckDbBudgetTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void eachDatabaseGetsItsShareOfTheMemoryLimitAndTheConfiguredThreads() throws Exception {
        DuckDbBudget budget = DuckDbBudget.of(properties("300MiB", 1, 2));

        try (Connection db = budget.connect("jdbc:duckdb:", null)) {
            assertThat(DuckDbBudget.bytes(setting(db, "memory_limit"))).isEqualTo(150L << 20);
            assertThat(setting(db, "threads")).isEqualTo("1");
            assertThat(setting(db, "autoinstall_known_extensions")).isEqualTo("false");
            assertThat(setting(db, "autoload_known_extensions")).isEqualTo("false");
        }
    }

    @Test
    void aLoadsPrivateDatabaseHasItsShareAndSpillsUnderItsOwnWorkDirectory() throws Exception {
        DuckDbProperties properties = properties("256MB", 1, 2);

        try (PrivateDuckDb db = PrivateDuckDb.open(properties)) {
            assertThat(DuckDbBudget.bytes(setting(db.connection(), "memory_limit"))).isEqualTo(122L << 20);
            assertThat(Path.of(setting(db.connection(), "temp_directory"))).isEqualTo(db.tempDir());
            assertThat(db.tempDir().getParent()).isEqualTo(properties.workDir());
        }
    }

    @Test
    void oneMoreDatabaseThanAllowedWaitsUntilOneCloses() throws Exception {
        DuckDbBudget budget = DuckDbBudget.of(properties("302MiB", 1, 2));
        CountDownLatch opened = new CountDownLatch(2);
        CountDownLatch closeFirst = new CountDownLatch(1);
        CountDownLatch closeSecond = new CountDownLatch(1);
        threads.submit(() -> hold(budget, opened, closeFirst));
        threads.submit(() -> hold(budget, opened, closeSecond));
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> {
            try (Connection db = budget.connect("jdbc:duckdb:", null)) {
                return setting(db, "threads");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        Thread.sleep(300);
        assertThat(third).isNotDone();

        closeFirst.countDown();
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("1");
        closeSecond.countDown();
    }

    @Test
    void aThreadHoldingADatabaseOpensASecondWithoutWaitingForItself() throws Exception {
        DuckDbBudget budget = DuckDbBudget.of(properties("304MiB", 1, 1));

        CompletableFuture<Long> nested = CompletableFuture.supplyAsync(() -> {
            try (Connection outer = budget.connect("jdbc:duckdb:", null);
                 Connection inner = budget.connect("jdbc:duckdb:", null)) {
                return Sql.queryLong(outer, "SELECT 1") + Sql.queryLong(inner, "SELECT 1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);

        assertThat(nested.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        // and both gave the one database back: another thread opens at once
        CompletableFuture<Long> after = CompletableFuture.supplyAsync(() -> {
            try (Connection db = budget.connect("jdbc:duckdb:", null)) {
                return Sql.queryLong(db, "SELECT 1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void closingTwiceGivesTheShareBackOnce() throws Exception {
        DuckDbBudget budget = DuckDbBudget.of(properties("306MiB", 1, 1));
        CompletableFuture.runAsync(() -> {
            try {
                Connection db = budget.connect("jdbc:duckdb:", null);
                db.close();
                db.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads).get(10, TimeUnit.SECONDS);
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(() -> hold(budget, opened, release));
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> another = CompletableFuture.runAsync(() -> {
            try (Connection db = budget.connect("jdbc:duckdb:", null)) {
                db.isClosed();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        Thread.sleep(300);

        assertThat(another).isNotDone();
        release.countDown();
        another.get(10, TimeUnit.SECONDS);
    }

    @Test
    void sizesReadAsDuckDbReadsThem() {
        assertThat(DuckDbBudget.bytes("2GB")).isEqualTo(2_000_000_000L);
        assertThat(DuckDbBudget.bytes("512MiB")).isEqualTo(512L << 20);
        assertThat(DuckDbBudget.bytes("1.5 GiB")).isEqualTo(3L << 29);
        assertThat(DuckDbBudget.bytes("64kb")).isEqualTo(64_000L);
    }

    @Test
    void noDuckDbIsOpenedOutsideTheBudget() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("load/DuckDbBudget.java")))
                    // bench baselines measure DuckDB alone, with its own defaults
                    .filter(f -> !f.startsWith(main.resolve("io/tcbill/bench")))
                    .filter(f -> read(f).contains("getConnection(\"jdbc:duckdb")).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private DuckDbProperties properties(String memoryLimit, int threads, int maxOpen) {
        return new DuckDbProperties(dir.resolve("tcbill.duckdb"), null, null, memoryLimit, 0, Duration.ofMinutes(2),
                threads, maxOpen);
    }

    private static Void hold(DuckDbBudget budget, CountDownLatch opened, CountDownLatch close) throws Exception {
        try (Connection db = budget.connect("jdbc:duckdb:", null)) {
            opened.countDown();
            close.await();
        }
        return null;
    }

    private static String setting(Connection db, String name) {
        try {
            return Sql.query(db, "SELECT current_setting('" + name + "')").get(0).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
