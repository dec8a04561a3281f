package io.tcbill.lake;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM whose class path is Apache Spark's alone (target/spark-classpath) plus this class: starts one
 * local Spark session, runs the statements of the script file {@code args[0]}, then each query of the file
 * {@code args[1]} (one per line) and prints its rows as {@code <query index>|cell|cell...}. Spark is reached by
 * reflection, so tcbill's test sources compile without Spark on their class path.
 */
public final class SparkSqlProbe {

    private SparkSqlProbe() {
    }

    public static void main(String[] args) throws Exception {
        Object builder = Class.forName("org.apache.spark.sql.SparkSession").getMethod("builder").invoke(null);
        Method config = builder.getClass().getMethod("config", String.class, String.class);
        builder = builder.getClass().getMethod("master", String.class).invoke(builder, "local[2]");
        for (String[] setting : new String[][] {{"spark.ui.enabled", "false"}, {"spark.sql.shuffle.partitions", "2"},
                {"spark.driver.host", "127.0.0.1"}, {"spark.driver.bindAddress", "127.0.0.1"}}) {
            builder = config.invoke(builder, setting[0], setting[1]);
        }
        Object spark = builder.getClass().getMethod("getOrCreate").invoke(builder);
        Method sql = spark.getClass().getMethod("sql", String.class);
        try {
            for (String statement : LakeScripts.statements(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8))) {
                sql.invoke(spark, statement);
            }
            List<String> queries = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
            for (int i = 0; i < queries.size(); i++) {
                Object frame = sql.invoke(spark, queries.get(i));
                for (Object row : (List<?>) frame.getClass().getMethod("collectAsList").invoke(frame)) {
                    System.out.println(i + "|" + row.getClass().getMethod("mkString", String.class).invoke(row, "|"));
                }
            }
        } finally {
            spark.getClass().getMethod("stop").invoke(spark);
        }
    }
}
