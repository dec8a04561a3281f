package io.tcbill.cli;

import io.tcbill.app.SpringContexts;
import io.tcbill.lake.LakeViews;
import io.tcbill.load.FocusProperties;
import io.tcbill.storage.StorageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tcbill lake-views --engine duckdb|spark|trino [--location URI] [--output FILE]}. */
@Command(name = "lake-views", mixinStandardHelpOptions = true,
        description = {
            "Prints SQL creating the analysts' tables and views over the lake.",
            "",
            "For DuckDB, Spark or Trino, over the Parquet lake in the bucket.",
            "",
            "The lake holds one object per table and bill month, curated/<table>/billing_period=YYYY-MM/data.parquet"
                    + " (load_log and rejected_rows: every row of the month), and a zero-row"
                    + " billing_period=_empty object per table. The script creates one view per table (Trino: an"
                    + " external Hive table) with the DDL's column types plus the VARCHAR partition column"
                    + " billing_period, then the views of schema/views/ translated for the engine. DuckDB: read_parquet"
                    + " with hive_partitioning and hive_types {'billing_period': VARCHAR}, union_by_name. Spark: temporary"
                    + " views with an explicit schema, USING parquet with basePath (partition discovery), session time"
                    + " zone UTC. Trino: run it with a Hive connector catalog (trino --catalog hive -f trino.sql); it"
                    + " creates schema tcbill and syncs each table's partitions.",
            "",
            "The same scripts over the bucket are written to curated/_views/<engine>.sql whenever a run mirrors the lake."
                    + " Reads only the configuration (tcbill.storage.bucket, tcbill.focus.*) and the schema built into tcbill."},
        footer = ExitCodes.HELP_FOOTER)
final class LakeViewsCommand implements Callable<Integer> {

    @Option(names = "--engine", required = true, paramLabel = "ENGINE",
            description = "duckdb, spark or trino.", converter = EngineConverter.class)
    LakeViews.Engine engine;

    @Option(names = "--location", paramLabel = "URI",
            description = "Where the lake is: the URI of the bucket's curated/ folder, or a local directory holding a copy"
                    + " of it (default s3://<bucket>/curated, s3a://<bucket>/curated for spark).")
    String location;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the script to this file instead of printing it.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String where;
        FocusProperties focus;
        try (ConfigurableApplicationContext context = SpringContexts.start(Settings.class,
                Map.of("logging.level.io.tcbill", "WARN"))) {
            where = location != null ? location : engine.defaultLocation(context.getBean(StorageProperties.class).bucket());
            focus = context.getBean(FocusProperties.class);
        } catch (SpringContexts.StartupException e) {
            spec.commandLine().getErr().println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        }
        String script = LakeViews.ofSchema(focus).script(engine, where);
        if (output == null) {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(output, script, StandardCharsets.UTF_8);
        }
        return ExitCodes.OK;
    }

    /** Only the storage settings (the bucket names the default location) and the FOCUS views' settings. */
    @EnableConfigurationProperties({StorageProperties.class, FocusProperties.class})
    static class Settings {
    }

    static final class EngineConverter implements CommandLine.ITypeConverter<LakeViews.Engine> {
        @Override
        public LakeViews.Engine convert(String value) {
            for (LakeViews.Engine engine : LakeViews.Engine.values()) {
                if (engine.id().equals(value)) {
                    return engine;
                }
            }
            throw new CommandLine.TypeConversionException("expected duckdb, spark or trino, got '" + value + "'");
        }
    }
}
