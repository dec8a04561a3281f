package io.tcbill.cli;

import io.tcbill.feed.Role;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tcbill.IntegrationTest;
import io.tcbill.app.SimulatorOverrides;
import io.tcbill.app.SpringContexts;
import io.tcbill.docker.MonitoringMetrics;
import io.tcbill.schedule.ScheduleRegistrar;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedule command's context over real HTTP: after a scheduled pull of two feeds (with a burst of ServiceBusy
 * answers), {@code /actuator/prometheus} shows each figure of the run and {@code /actuator/health} is UP. One context,
 * started as {@code tcbill schedule} starts it, on a free management port. Then l3 and summaries firing apart
 * reconcile the month, and a changed summary fails the fire.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@IntegrationTest
class ScheduleEndpointsIntegrationTest {

    private static final String[] SUMMARY_ACTIONS =
            {"DescribeBillSummaryByRegion", "DescribeBillSummaryByProduct", "DescribeBillSummaryByPayMode"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static PartnerSimulator simulator;
    private static ConfigurableApplicationContext context;
    private static int port;
    private static YearMonth month;

    @BeforeAll
    static void startSchedule() throws IOException {
        month = YearMonth.now().minusMonths(1);
        SimulatorConfig config = SimulatorConfig.defaults().withCustomers(3, 1).withRows(0, 0, 25, 5, 0)
                .withPollsBeforeReady(1).withLatestFinalMonth(month);
        for (String action : SUMMARY_ACTIONS) {
            config = config.withRateLimit(action, 20);
        }
        simulator = PartnerSimulator.start(config);
        port = freePort();
        Map<String, Object> properties = new HashMap<>(ScheduleCommand.contextProperties());
        properties.putAll(SimulatorOverrides.of(simulator, dir, Role.RESELLER));
        properties.put("tcbill.poll.initial-interval", "20ms");
        properties.put("tcbill.api.initial-backoff", "50ms");
        for (String action : SUMMARY_ACTIONS) {
            properties.put("tcbill.api.rate-limits." + action, 20);
        }
        properties.put("management.server.port", port);
        context = SpringContexts.start(properties);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        simulator.close();
    }

    @Test
    void theTriggersAreWrittenBeforeQuartzStarts() {
        // Quartz started first (the registrar was constructed with the scheduler, which a lifecycle bean's start awaits)
        // and scanned its store while the triggers were written: an ERROR "Couldn't retrieve trigger" at every first start
        assertThat(context.getBean(ScheduleRegistrar.class).registeredBeforeStart()).isTrue();
    }

    @Test
    @Order(1)
    void afterAScheduledPullTheMetricsEndpointShowsTheRunsFiguresAndHealthIsUp() throws Exception {
        // given the schedules registered, and the next two API calls answered ServiceBusy
        Scheduler scheduler = context.getBean(Scheduler.class);
        ListAppender<ILoggingEvent> logs = captureLogs();
        simulator.faults().serviceBusyStorm(2);
        Instant fired = Instant.now();

        // when the l3 and summaries schedules fire (each pulls the previous month)
        scheduler.triggerJob(JobKey.jobKey("l3", "tcbill-feeds"));
        scheduler.triggerJob(JobKey.jobKey("summaries", "tcbill-feeds"));
        String metrics = awaitMetrics(m -> m.contains("tcbill_feed_last_success_seconds{feed=\"l3\"}")
                && m.contains("tcbill_feed_last_success_seconds{feed=\"summaries\"}"), Duration.ofSeconds(60));
        detach(logs);

        // then each feed's last success is the time of this run, and its newest complete month the month it pulled
        assertThat(value(metrics, "tcbill_feed_last_success_seconds", "feed=\"l3\""))
                .isBetween((double) fired.getEpochSecond() - 1, (double) Instant.now().getEpochSecond() + 1);
        assertThat(value(metrics, "tcbill_feed_newest_complete_month_seconds", "feed=\"l3\"")).isEqualTo(
                (double) month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
        // rows published equal the simulator's files; nothing was rejected
        long l3Rows = simulator.data().customerUins().stream()
                .mapToLong(uin -> simulator.data().expected("l3", month, uin).rows()).sum();
        assertThat(value(metrics, "tcbill_load_rows_total", "feed=\"l3\",table=\"bill_l3\"")).isEqualTo(l3Rows);
        assertThat(value(metrics, "tcbill_load_rows_total", "feed=\"summaries\",table=\"bill_summary_by_pay_mode\""))
                .isPositive();
        assertThat(value(metrics, "tcbill_load_rejected_rows_total", "feed=\"l3\",table=\"bill_l3\"")).isZero();
        // the ServiceBusy burst: two errors by action and code, each retried
        assertThat(sum(metrics, "tcbill_api_errors_total", "code=\"OperationDenied.ServiceBusy\"")).isEqualTo(2);
        assertThat(sum(metrics, "tcbill_retries_total", "what=\"api\"")).isEqualTo(2);
        // bytes: the l3 files as the simulator sized them, and the summaries' NDJSON uploaded
        long l3Bytes = simulator.data().customerUins().stream()
                .mapToLong(uin -> simulator.data().expected("l3", month, uin).bytes()).sum();
        assertThat(sum(metrics, "tcbill_transfer_bytes_total", "feed=\"l3\"")).isEqualTo(l3Bytes);
        assertThat(sum(metrics, "tcbill_transfer_bytes_total", "feed=\"summaries\"")).isPositive();
        // durations: one completed run per feed, and one archive per customer file
        assertThat(value(metrics, "tcbill_feed_run_seconds_count", "feed=\"l3\",outcome=\"completed\"")).isEqualTo(1);
        assertThat(value(metrics, "tcbill_feed_run_seconds_sum", "feed=\"l3\",outcome=\"completed\"")).isPositive();
        assertThat(sum(metrics, "tcbill_transfer_duration_seconds_count", "feed=\"l3\""))
                .isEqualTo(simulator.data().customerUins().size());
        // one series per partition (customer) would grow with the customers: Spring Batch's step timers are off
        assertThat(metrics).doesNotContain("archiveFile:");

        // and health is UP, the database and the scheduler included
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode status = JsonMapper.shared().readTree(health.body());
        assertThat(status.path("status").asString()).isEqualTo("UP");
        assertThat(status.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(status.path("components").path("scheduler").path("status").asString()).isEqualTo("UP");

        // and the run's lines carry its run id, in the job's thread and in the archive workers
        Pattern runId = Pattern.compile("l3/" + month + "/\\d+");
        List<ILoggingEvent> archiveLines = logs.list.stream()
                .filter(e -> e.getThreadName().startsWith("archive-") && e.getFormattedMessage().contains("Archived l3"))
                .toList();
        assertThat(archiveLines).hasSize(simulator.data().customerUins().size())
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap().get("runId")).matches(runId));
        assertThat(logs.list).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains("published");
            assertThat(e.getMDCPropertyMap().get("runId")).matches(runId);
        });
    }

    @Test
    @Order(2)
    void l3AndSummariesFiringApartReconcileTheMonthAndAPlantedMismatchFailsTheFireLoggedAndCounted() throws Exception {
        // given the summaries pulled by their schedule
        Scheduler scheduler = context.getBean(Scheduler.class);
        FireResults fires = new FireResults();
        scheduler.getListenerManager().addJobListener(fires);
        try {
            scheduler.triggerJob(JobKey.jobKey("summaries", "tcbill-feeds"));
            assertThat(fires.next()).as("the summaries fire").isNull();
            Instant l3Fired = Instant.now();

            // when l3 fires later on its own (its schedule is another day's)
            scheduler.triggerJob(JobKey.jobKey("l3", "tcbill-feeds"));

            // then that fire reconciled the month: a row per customer, RECONCILED, checked after it fired
            assertThat(fires.next()).as("the l3 fire").isNull();
            List<Long> customers = simulator.data().customerUins();
            assertThat(reconciliation("customer_uin, status")).containsExactlyElementsOf(
                    customers.stream().sorted().map(uin -> List.<Object>of(uin, "RECONCILED")).toList());
            assertThat(((Number) reconciliation("CAST(floor(epoch(min(checked_at))) AS BIGINT)").get(0).get(0)).longValue())
                    .isGreaterThanOrEqualTo(l3Fired.getEpochSecond() - 1);

            // when a customer's summary changes by 5.00 and the summaries schedule fires again
            Long off = customers.get(1);
            ListAppender<ILoggingEvent> logs = captureLogs();
            simulator.faults().summaryMismatch(off, new java.math.BigDecimal("5.00"));
            org.quartz.JobExecutionException failure;
            try {
                scheduler.triggerJob(JobKey.jobKey("summaries", "tcbill-feeds"));
                failure = fires.next();
            } finally {
                simulator.faults().reset();
                detach(logs);
            }

            // then the fire FAILED naming the customer, an ERROR line names customer and amounts, and the metrics count it
            assertThat(failure).as("the fire with the changed summary").isNotNull();
            assertThat(failure.getMessage()).contains(month + ": UNRECONCILED 1 of " + customers.size())
                    .contains("customer " + off + ": UNRECONCILED");
            assertThat(logs.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
                assertThat(e.getFormattedMessage()).contains("summaries " + month, "does not reconcile", "customer " + off,
                        "L3 total", "vs summary", "(largest difference 5.00000000)");
            });
            String metrics = get("/actuator/prometheus").body();
            assertThat(value(metrics, "tcbill_reconciliation_mismatches_total", "feed=\"summaries\"")).isEqualTo(1);
            assertThat(untagged(metrics, "tcbill_reconciliation_unreconciled_customers")).isEqualTo(1);
            assertThat(reconciliation("customer_uin, status")).contains(List.of(off, "UNRECONCILED"));
        } finally {
            scheduler.getListenerManager().removeJobListener(fires.getName());
        }
    }

    @Test
    @Order(3)
    void everyMetricTheReadmeTheAlertsAndTheDashboardNameIsServed() throws Exception {
        // given the runs above (a failed fire, a mismatch, ServiceBusy retries included)
        String metrics = get("/actuator/prometheus").body();
        java.util.Set<String> served = new java.util.TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^(tcbill_[a-z0-9_]+)[{ ]").matcher(metrics);
        while (sample.find()) {
            served.add(sample.group(1));
        }

        // then each metric the README documents and the Prometheus rules and Grafana dashboard query is served
        assertThat(served).as("tcbill's metrics on /actuator/prometheus").containsAll(MonitoringMetrics.documented())
                .containsAll(MonitoringMetrics.usedByMonitoring());
    }

    @Test
    void infoShowsTheVersionTheCommitAndTheBuildTime() throws Exception {
        // given the version in the pom, and the commit git says is checked out (when this is a git checkout)
        Matcher pom = Pattern.compile("<artifactId>tcbill</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(java.nio.file.Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();
        String head = gitHead();

        // when
        HttpResponse<String> response = get("/actuator/info");

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = JsonMapper.shared().readTree(response.body());
        assertThat(info.path("build").path("version").asString()).isEqualTo(pom.group(1));
        assertThat(Instant.parse(info.path("build").path("time").asString())).isBefore(Instant.now())
                .isAfter(Instant.now().minus(Duration.ofDays(1)));
        if (head == null) {
            assertThat(info.has("git")).as("no git section without a git checkout: %s", info).isFalse();
        } else {
            assertThat(info.path("git").path("commit").path("id").asString()).as("%s", info).isEqualTo(head);
            assertThat(info.path("git").path("commit").path("time").asString()).isNotEmpty();
        }
    }

    /** The short id of the checked-out commit, or null when this is no git checkout (or git is missing). */
    private static String gitHead() throws InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{7,40}") ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void onlyTheActuatorEndpointsAreServed() throws Exception {
        assertThat(get("/actuator/prometheus").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
    }

    /** Columns of the month's reconciliation, read from its Parquet file (no lock on the DuckDB file the runs use). */
    private static List<List<Object>> reconciliation(String columns) throws java.sql.SQLException {
        Path file = dir.resolve("curated/reconciliation/bill_month=" + month + "/data.parquet");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.ResultSet rows = db.createStatement().executeQuery("SELECT " + columns + " FROM read_parquet('"
                     + file + "') GROUP BY ALL ORDER BY ALL")) {
            List<List<Object>> result = new java.util.ArrayList<>();
            while (rows.next()) {
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The outcome of each fire, in order: null when it succeeded, else the exception Quartz got from the job. */
    private static final class FireResults extends org.quartz.listeners.JobListenerSupport {
        private final java.util.concurrent.BlockingQueue<java.util.Optional<org.quartz.JobExecutionException>> fired =
                new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public String getName() {
            return "fire-results";
        }

        @Override
        public void jobWasExecuted(org.quartz.JobExecutionContext context, org.quartz.JobExecutionException failure) {
            fired.add(java.util.Optional.ofNullable(failure));
        }

        org.quartz.JobExecutionException next() throws InterruptedException {
            java.util.Optional<org.quartz.JobExecutionException> result = fired.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result).as("a fire ended within 60 s").isNotNull();
            return result.orElse(null);
        }
    }

    /** The value of a metric without tags. */
    private static double untagged(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{\\})? (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("%s in%n%s", name, metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static String awaitMetrics(java.util.function.Predicate<String> ready, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String metrics = get("/actuator/prometheus").body();
        while (!ready.test(metrics)) {
            assertThat(Instant.now()).as("the scheduled runs did not finish in %s; metrics:%n%s", timeout, metrics)
                    .isBefore(deadline);
            Thread.sleep(200);
            metrics = get("/actuator/prometheus").body();
        }
        return metrics;
    }

    /** The value of the one sample of {@code name} whose labels contain {@code labels}. */
    private static double value(String metrics, String name, String labels) {
        List<Double> values = samples(metrics, name, labels);
        assertThat(values).as("%s{%s} in%n%s", name, labels, metrics).hasSize(1);
        return values.get(0);
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels} (at least one must exist). */
    private static double sum(String metrics, String name, String labels) {
        List<Double> values = samples(metrics, name, labels);
        assertThat(values).as("%s{...%s...} in%n%s", name, labels, metrics).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static List<Double> samples(String metrics, String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        List<Double> values = new java.util.ArrayList<>();
        while (line.find()) {
            if (line.group(1).contains(labels)) {
                values.add(Double.parseDouble(line.group(2)));
            }
        }
        return values;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
        return appender;
    }

    private static void detach(ListAppender<ILoggingEvent> appender) {
        root().detachAppender(appender);
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
