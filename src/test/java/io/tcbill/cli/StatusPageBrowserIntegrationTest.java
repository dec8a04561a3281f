package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.IntegrationTest;
import io.tcbill.app.SpringContexts;
import io.tcbill.simulator.PartnerSimulator;
import io.tcbill.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run} installs),
 * over months made by real pulls against the simulator: one month FAILED (a customer's L3 file never ready), one
 * UNRECONCILED (its summaries 5.00 off for a customer). {@code serve} shows both in the grid and on their month pages,
 * with a screenshot of each page in {@code target/screenshots/}; {@code schedule} serves the same on its management
 * port. Nothing on a page is a secret, a signed link's query or a stack trace.
 */
@IntegrationTest
class StatusPageBrowserIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    private static PartnerSimulator simulator;
    private static Map<String, String> settings;
    private static final YearMonth UNRECONCILED = YearMonth.now().minusMonths(2);
    private static final YearMonth FAILED = YearMonth.now().minusMonths(3);
    private static long offCustomer;
    private static long neverReadyCustomer;

    @BeforeAll
    static void pullAFailedAndAnUnreconciledMonth() {
        simulator = PartnerSimulator.start(SimulatorConfig.defaults().withCustomers(3, 1).withPollsBeforeReady(1));
        settings = Map.of(
                "tcbill.api.endpoint", simulator.endpoint().toString(),
                "tcbill.api.secret-id", SimulatorConfig.DEMO_SECRET_ID,
                "tcbill.api.secret-key", SimulatorConfig.DEMO_SECRET_KEY,
                "tcbill.download.allowed-hosts", "127.0.0.1",
                "tcbill.poll.initial-interval", "20ms",
                "tcbill.storage.embedded-dir", dir.resolve("objects").toString(),
                "tcbill.duckdb.path", dir.resolve("tcbill.duckdb").toString(),
                "spring.datasource.url", "jdbc:h2:file:" + dir.resolve("meta") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.forEach(System::setProperty);
        List<Long> customers = simulator.data().customerUins();
        offCustomer = customers.get(0);
        neverReadyCustomer = customers.get(1);
        // UNRECONCILED: its L3 details, then its summaries with one customer's total 5.00 off
        assertThat(execute("run", "--month", UNRECONCILED.toString(), "--feed", "l3")).isZero();
        simulator.faults().summaryMismatch(offCustomer, new BigDecimal("5.00"));
        assertThat(execute("run", "--month", UNRECONCILED.toString(), "--feed", "summaries"))
                .isEqualTo(ExitCodes.UNRECONCILED);
        simulator.faults().reset();
        // FAILED: one customer's L3 file never becomes ready within the deadline
        simulator.faults().neverReady(neverReadyCustomer);
        System.setProperty("tcbill.poll.deadline", "1s");
        try {
            assertThat(execute("run", "--month", FAILED.toString(), "--feed", "l3")).isEqualTo(ExitCodes.RUN_FAILED);
        } finally {
            System.clearProperty("tcbill.poll.deadline");
            simulator.faults().reset();
        }
    }

    @AfterAll
    static void stop() {
        settings.keySet().forEach(System::clearProperty);
        simulator.close();
    }

    @Test
    void theGridAndTheMonthPagesShowTheFailedAndTheUnreconciledMonthInChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + "); .ci/run installs them");
        // given tcbill serve on a free port
        ServeCommand serve = new ServeCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(serve);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--port", "0"));
        String root = awaitUrl(out, exit);
        WebDriver browser = chromium();
        try {
            // when the grid is opened
            browser.get(root);
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(b -> b.findElement(By.id("trend")).getAttribute("data-drawn") != null);

            // then the failed month's l3 cell is FAILED, the other month's reconciliation UNRECONCILED
            WebElement failed = cell(browser, FAILED, "l3");
            assertThat(failed.getAttribute("data-state")).isEqualTo("FAILED");
            assertThat(failed.getText()).contains("FAILED");
            assertThat(failed.getAttribute("title")).contains(String.valueOf(neverReadyCustomer));
            assertThat(cell(browser, UNRECONCILED, "l3").getAttribute("data-state")).isEqualTo("COMPLETED");
            assertThat(cell(browser, UNRECONCILED, "summaries").getText()).contains("COMPLETED", "rows");
            assertThat(browser.findElement(By.cssSelector("tr[data-month='" + UNRECONCILED + "'] td.recon")).getText())
                    .isEqualTo("UNRECONCILED (1 of 3 customers)");
            assertThat(browser.findElements(By.cssSelector("#grid tbody tr"))).hasSize(24);
            // and the chart drew a point per month the trend's JSON has, the unreconciled month's among them
            String trend = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/api/trend")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(trend).contains("\"month\" : \"" + UNRECONCILED + "\"");
            long trendMonths = Pattern.compile("\"month\" : \"([0-9-]+)\"").matcher(trend).results()
                    .map(m -> m.group(1)).distinct().count();
            assertThat(browser.findElement(By.id("trend")).getAttribute("data-drawn")).isEqualTo(String.valueOf(trendMonths));
            assertThat(browser.findElements(By.cssSelector("#trend canvas"))).isNotEmpty();
            noSecretOrTrace(browser.getPageSource());
            screenshot(browser, "status-grid.png");

            // when the unreconciled month is opened from its link
            browser.findElement(By.linkText(UNRECONCILED.toString())).click();

            // then its reconciliation per customer names the customer 5.00 off, by UIN and with the name its bill gives
            assertThat(browser.findElement(By.id("month-reconciliation")).getText()).startsWith("UNRECONCILED");
            WebElement off = browser.findElement(By.cssSelector("#customers tr.unreconciled"));
            assertThat(off.getText()).contains(String.valueOf(offCustomer), "5.00", "UNRECONCILED");
            assertThat(browser.findElements(By.cssSelector("#customers tr.reconciled"))).hasSize(2);
            // a file per customer of each feed pulled (l3, summaries)
            assertThat(browser.findElements(By.cssSelector("#files tbody tr")))
                    .hasSize(2 * simulator.data().customerUins().size());
            noSecretOrTrace(browser.getPageSource());
            screenshot(browser, "status-month-unreconciled.png");

            // and the failed month's page lists the run's error with its customer and reason
            browser.get(root + "/months/" + FAILED);
            WebElement error = browser.findElement(By.cssSelector("#errors tbody tr"));
            assertThat(error.getText()).contains("l3", String.valueOf(neverReadyCustomer), "run failed");
            assertThat(browser.findElement(By.cssSelector("#runs tr[data-feed='l3']")).getAttribute("data-state"))
                    .isEqualTo("FAILED");
            noSecretOrTrace(browser.getPageSource());
            screenshot(browser, "status-month-failed.png");

            // and the JSON says the same
            String grid = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/api/grid")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(grid).contains("\"month\" : \"" + FAILED + "\"", "\"state\" : \"FAILED\"",
                    "\"reconciliation\" : \"UNRECONCILED (1 of 3 customers)\"");
        } finally {
            browser.quit();
            serve.stop();
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void scheduleServesTheSamePageOnItsManagementPort() throws Exception {
        // given the schedule command's context on a free management port
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>(ScheduleCommand.contextProperties());
        properties.put("management.server.port", port);
        try (ConfigurableApplicationContext context = SpringContexts.start(properties)) {
            // when the grid, its JSON and an asset are fetched beside the actuator endpoints
            HttpResponse<String> page = get(port, "/status");
            HttpResponse<String> json = get(port, "/status/api/months/" + FAILED);
            HttpResponse<String> chart = get(port, "/status/assets/uPlot.iife.min.js");
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            // then the same grid, read-only, under a content security policy that allows nothing from elsewhere
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("default-src 'self'"));
            assertThat(page.body()).containsPattern("data-month=\"" + FAILED + "\"[\\s\\S]*?data-feed=\"l3\" data-state=\"FAILED\"");
            assertThat(json.body()).contains("\"kind\" : \"run failed\"", "\"customerUin\" : " + neverReadyCustomer);
            assertThat(chart.statusCode()).isEqualTo(200);
            assertThat(chart.body()).startsWith("/*! https://github.com/leeoniya/uPlot");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
        }
    }

    private static int execute(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = TcbillCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return cli.execute(args);
    }

    /** The page's root URL, once serve printed it. */
    private static String awaitUrl(StringWriter out, CompletableFuture<Integer> exit) throws InterruptedException {
        Pattern url = Pattern.compile("Status page: (http://\\S+/status)");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = url.matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            assertThat(exit).as("serve ended early: %s", out).isNotDone();
            Thread.sleep(100);
        }
        throw new AssertionError("serve printed no URL: " + out);
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1500", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebElement cell(WebDriver browser, YearMonth month, String feed) {
        return browser.findElement(By.cssSelector("tr[data-month='" + month + "'] td[data-feed='" + feed + "']"));
    }

    private static void noSecretOrTrace(String html) {
        assertThat(html).doesNotContain(SimulatorConfig.DEMO_SECRET_KEY, "q-signature", "Signature=", "Exception",
                "\tat ", ".java:");
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
