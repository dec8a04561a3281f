package io.tcbill.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcbill.IntegrationTest;
import io.tcbill.PipelineTestSupport;
import io.tcbill.run.MonthRunner;
import io.tcbill.storage.ObjectStorage;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Apache Spark (local mode, from Maven Central, in a child JVM on its own class path) reads the lake objects a real
 * month wrote, through the script of {@code lake-views --engine spark}, and its per-month, per-customer totals of
 * bill_l3, commission_detail and the FOCUS views equal the analysts' DuckDB file's to the cent. Spark reads a
 * byte-for-byte copy of the bucket's objects by file:// path: its s3a connector (hadoop-aws) needs the ~500 MB AWS SDK
 * v2 bundle, which the test does not download. The script is the same but for the location.
 */
@IntegrationTest
class SparkLakeIntegrationTest extends PipelineTestSupport {

    private static final YearMonth MONTH = YearMonth.of(2025, 8);

    /** What is compared: a table or view, its month, customer and amount columns (portable SQL, "quoted" names). */
    private record Total(String source, String month, String customer, String amount) {

        String query() {
            return "SELECT CAST(" + month + " AS VARCHAR), " + customer + ", count(*), sum(" + amount + ") FROM " + source
                    + " WHERE CAST(" + month + " AS DATE) = DATE '" + MONTH.atDay(1) + "' GROUP BY 1, 2";
        }
    }

    /** The FOCUS views are listed here too (both versions, each by the customer and by a second account column). */
    private static final List<Total> TOTALS = List.of(
            new Total("bill_l3", "bill_month", "customer_uin", "total_cost"),
            new Total("bill_l3", "bill_month", "customer_uin", "original_cost"),
            new Total("commission_detail", "bill_month", "customer_account_id", "commission_amount"),
            new Total("commission_detail", "bill_month", "customer_uin", "commissionable_amount"),
            new Total("focus_1_2", "\"x_BillMonth\"", "\"x_CustomerUin\"", "\"BilledCost\""),
            new Total("focus_1_2", "\"x_BillMonth\"", "\"SubAccountId\"", "\"EffectiveCost\""),
            new Total("focus_1_3", "\"x_BillMonth\"", "\"x_CustomerUin\"", "\"BilledCost\""),
            new Total("focus_1_3", "\"x_BillMonth\"", "\"BillingAccountId\"", "\"ListCost\""));

    @Autowired
    MonthRunner runner;

    @Autowired
    ObjectStorage storage;

    @Test
    void sparkOverTheLakeGivesTheSameTotalsAsDuckDbToTheCent(@TempDir Path dir) throws Exception {
        String classpath = System.getProperty("tcbill.spark-classpath");
        assumeTrue(classpath != null && Files.isDirectory(Path.of(classpath)),
                "run by Maven, which copies Spark's class path first (pom: spark-classpath)");
        List<Long> customers = SIMULATOR.data().customerUins().subList(55, 58);
        assertThat(runner.run(MONTH, "l3", customers).succeeded()).isTrue();
        assertThat(runner.run(MONTH, "commission", List.of()).succeeded()).isTrue();

        Path lake = LakeCopy.copy(storage, dir.resolve("bucket"));
        Path script = dir.resolve("spark.sql");
        Files.writeString(script, LakeViews.ofSchema().script(LakeViews.Engine.SPARK, lake.toUri().toString()));
        Path queries = dir.resolve("queries.sql");
        Files.write(queries, TOTALS.stream().map(t -> t.query().replace('"', '`').replace("AS VARCHAR", "AS STRING")).toList());

        long started = System.nanoTime();
        List<String> spark = spark(classpath, script, queries, dir);
        System.out.printf("SparkLakeIntegrationTest: Spark read the lake and answered %d queries in %.1f s%n", TOTALS.size(),
                (System.nanoTime() - started) / 1e9);

        for (int i = 0; i < TOTALS.size(); i++) {
            Map<String, String[]> duckDb = byKey(query(TOTALS.get(i).query()).stream().map(row -> row.stream()
                    .map(String::valueOf).toList()).toList());
            String prefix = i + "|";
            Map<String, String[]> fromSpark = byKey(spark.stream().filter(line -> line.startsWith(prefix))
                    .map(line -> List.of(line.substring(prefix.length()).split("\\|", -1))).toList());
            assertThat(duckDb).as(TOTALS.get(i) + " in DuckDB").isNotEmpty();
            assertThat(fromSpark.keySet()).as(TOTALS.get(i) + ": the months and customers").isEqualTo(duckDb.keySet());
            for (var expected : duckDb.entrySet()) {
                String[] actual = fromSpark.get(expected.getKey());
                assertThat(actual[0]).as(TOTALS.get(i) + " rows of " + expected.getKey()).isEqualTo(expected.getValue()[0]);
                assertThat(new BigDecimal(actual[1])).as(TOTALS.get(i) + " total of " + expected.getKey())
                        .isEqualByComparingTo(new BigDecimal(expected.getValue()[1]));
            }
        }
    }

    /** Rows of (month, customer, count, sum) by "month|customer"; a NULL customer is "null" in both engines. */
    private static Map<String, String[]> byKey(List<List<String>> rows) {
        Map<String, String[]> byKey = new TreeMap<>();
        for (List<String> row : rows) {
            byKey.put(row.get(0) + "|" + row.get(1), new String[] {row.get(2), row.get(3)});
        }
        return byKey;
    }

    private static List<String> spark(String classpath, Path script, Path queries, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+IgnoreUnrecognizedVMOptions", "-Djava.io.tmpdir=" + dir,
                "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"));
        for (String open : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
            command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
        }
        String self = Path.of(SparkSqlProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        command.addAll(List.of("-cp", classpath + File.separator + "*" + File.pathSeparator + self,
                SparkSqlProbe.class.getName(), script.toString(), queries.toString()));
        Path out = dir.resolve("spark.out");
        Path err = dir.resolve("spark.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Spark did not finish within 5 minutes");
        }
        List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("Spark exit code; its stderr ends:\n"
                + String.join("\n", stderr.subList(Math.max(0, stderr.size() - 40), stderr.size()))).isZero();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
