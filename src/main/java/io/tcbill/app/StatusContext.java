package io.tcbill.app;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.load.DuckDbBudget;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.partner.ApiProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What {@code status} needs and nothing else: the configuration, resolved from the same sources as every command
 * (application.properties, the environment, the secrets directory, the command's overrides), the feed catalog, and one
 * read-only JDBC connection to the metadata database. No Batch, Quartz, object storage or DuckDB file: the whole
 * application context took 12 CPU-seconds and 350 MB to answer.
 */
public final class StatusContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Connection metadata;

    private StatusContext(ConfigurableApplicationContext context, Connection metadata) {
        this.context = context;
        this.metadata = metadata;
    }

    /**
     * Starts the slim context and connects to the metadata database; a database that cannot be reached or is held is
     * a {@link SpringContexts.StartupException} of kind METADATA_UNAVAILABLE, with the same one line as the others.
     */
    public static StatusContext open(Map<String, Object> overrides) {
        return open(overrides, true);
    }

    /**
     * The same, for a long-lived reader (the status page of {@code serve}): the connection is only tried, then closed;
     * each read connects anew through {@link #metadataSource()}. Holding a connection would make the reader the
     * server of the default H2 file (AUTO_SERVER), which a scheduler mid-run would lose when the reader stops.
     */
    public static StatusContext openForServing(Map<String, Object> overrides) {
        return open(overrides, false);
    }

    private static StatusContext open(Map<String, Object> overrides, boolean hold) {
        ConfigurableApplicationContext context = withoutBackgroundPreinitializing(
                () -> SpringContexts.start(Beans.class, overrides));
        String url = context.getBean(DataSourceProperties.class).getUrl();
        try {
            // as from the pool: any failure to connect is the metadata database being unavailable
            Connection connection = DataSourceUtils.getConnection(context.getBean(DataSource.class));
            connection.setReadOnly(true);
            if (!hold) {
                connection.close();
            }
            return new StatusContext(context, hold ? connection : null);
        } catch (SQLException | RuntimeException e) {
            context.close();
            String metadata = MetadataUnavailable.describe(e, url);
            throw new SpringContexts.StartupException(metadata != null ? metadata : "could not read the metadata"
                    + " database " + MetadataUnavailable.redact(String.valueOf(url)) + ": " + e.getMessage(),
                    metadata != null ? SpringContexts.StartupException.Kind.METADATA_UNAVAILABLE
                            : SpringContexts.StartupException.Kind.CONFIGURATION, e);
        }
    }

    /**
     * Spring Boot warms up Jackson, the web server's and the validator's classes on another thread for the whole
     * application; status uses none of them, and on a busy machine that thread costs it a CPU-second.
     */
    private static <T> T withoutBackgroundPreinitializing(Supplier<T> start) {
        String property = "spring.backgroundpreinitializer.ignore";
        if (System.getProperty(property) != null) {
            return start.get();
        }
        System.setProperty(property, "true");
        try {
            return start.get();
        } finally {
            System.clearProperty(property);
        }
    }

    /** The metadata database, read-only; closed with this context. */
    public Connection metadata() {
        if (metadata == null) {
            throw new IllegalStateException("opened for serving: connect through metadataSource()");
        }
        return metadata;
    }

    /** Connections to the metadata database, each new (not pooled); the caller sets them read-only and closes them. */
    public DataSource metadataSource() {
        return context.getBean(DataSource.class);
    }

    public DuckDbProperties duckDb() {
        return context.getBean(DuckDbProperties.class);
    }

    /** Spring Batch's table prefix ({@code spring.batch.jdbc.table-prefix}, default {@code BATCH_}). */
    public String batchTablePrefix() {
        return context.getEnvironment().getProperty("spring.batch.jdbc.table-prefix", "BATCH_");
    }

    public FeedCatalog feeds() {
        return context.getBean(FeedCatalog.class);
    }

    /** The configured account role ({@code tcbill.api.role}). */
    public Role role() {
        return context.getBean(ApiProperties.class).role();
    }

    /** Where the published Parquet files are ({@code tcbill.duckdb.curated-dir}). */
    public Path curatedDir() {
        return context.getBean(DuckDbProperties.class).curatedDir();
    }

    @Override
    public void close() {
        try {
            if (metadata != null) {
                metadata.close();
            }
        } catch (SQLException e) {
            // read-only: nothing to lose
        }
        context.close();
    }

    /**
     * The slim context's beans; no auto-configuration. Not a {@code @Configuration}: the application's component scan
     * would add it to the whole context too (the class is registered by hand, as the only source of this one).
     */
    @EnableConfigurationProperties({DataSourceProperties.class, ApiProperties.class, DuckDbProperties.class})
    static class Beans {

        /** Not pooled: one connection, the same URL, user, password and driver as the application's pool. */
        @Bean
        DataSource metadataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
        }

        /** This configuration's DuckDB memory budget, for the DuckDB databases status opens (logged once). */
        @Bean
        DuckDbBudget duckDbBudget(DuckDbProperties properties) {
            return DuckDbBudget.of(properties);
        }

        /** As the application builds it: the built-in descriptors or those of {@code tcbill.jobs.dir}. */
        @Bean
        FeedCatalog feedCatalog(Environment environment) {
            String dir = environment.getProperty("tcbill.jobs.dir", "");
            return FeedCatalog.load(dir.isBlank() ? null : Path.of(dir.trim()), environment::getProperty);
        }
    }
}
