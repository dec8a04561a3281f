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
import javax.sql.DataSource;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * What {@code status} needs and nothing else: the configuration, resolved from the same sources as every command
 * (application.properties and its profiles, the environment, system properties, the secrets directory, the command's
 * overrides: Spring Boot's own config-data processing over a plain environment, bound by its {@link Binder}), the feed
 * catalog, and one read-only JDBC connection to the metadata database. No application context: starting even a slim
 * one (bean definitions, post-processors, logging set up again) took 1.3 of status's 5.6 s; the whole application
 * context took 12 CPU-seconds and 350 MB.
 */
public final class StatusContext implements AutoCloseable {

    private final ConfigurableEnvironment environment;
    private final DataSource metadataSource;
    private final Connection metadata;
    private final ApiProperties api;
    private final DuckDbProperties duckDb;
    private final FeedCatalog feeds;

    private StatusContext(ConfigurableEnvironment environment, DataSource metadataSource, Connection metadata,
                          ApiProperties api, DuckDbProperties duckDb, FeedCatalog feeds) {
        this.environment = environment;
        this.metadataSource = metadataSource;
        this.metadata = metadata;
        this.api = api;
        this.duckDb = duckDb;
        this.feeds = feeds;
    }

    /**
     * Reads the configuration and connects to the metadata database; a database that cannot be reached or is held is
     * a {@link SpringContexts.StartupException} of kind METADATA_UNAVAILABLE, a setting that does not bind one of kind
     * CONFIGURATION, with the same one line as the other commands.
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
        ConfigurableEnvironment environment = environment(overrides);
        String url = environment.getProperty("spring.datasource.url");
        DataSource source;
        ApiProperties api;
        DuckDbProperties duckDb;
        FeedCatalog feeds;
        try {
            Binder binder = Binder.get(environment);
            applyLogLevels(binder);
            api = binder.bindOrCreate("tcbill.api", ApiProperties.class);
            duckDb = binder.bindOrCreate("tcbill.duckdb", DuckDbProperties.class);
            DuckDbBudget.of(duckDb);
            String jobs = environment.getProperty("tcbill.jobs.dir", "");
            feeds = FeedCatalog.load(jobs.isBlank() ? null : Path.of(jobs.trim()), environment::getProperty);
            source = metadataSource(binder);
        } catch (RuntimeException e) {
            throw new SpringContexts.StartupException(SpringContexts.describe(e),
                    SpringContexts.StartupException.Kind.CONFIGURATION, e);
        }
        try {
            // as from the pool: any failure to connect is the metadata database being unavailable
            Connection connection = source.getConnection();
            connection.setReadOnly(true);
            if (!hold) {
                connection.close();
            }
            return new StatusContext(environment, source, hold ? connection : null, api, duckDb, feeds);
        } catch (SQLException | RuntimeException e) {
            String metadata = MetadataUnavailable.describe(e, url);
            throw new SpringContexts.StartupException(metadata != null ? metadata : "could not read the metadata"
                    + " database " + MetadataUnavailable.redact(String.valueOf(url)) + ": " + e.getMessage(),
                    metadata != null ? SpringContexts.StartupException.Kind.METADATA_UNAVAILABLE
                            : SpringContexts.StartupException.Kind.CONFIGURATION, e);
        }
    }

    /**
     * The environment a command's application context would have: the command's overrides first, system properties,
     * the environment variables, then what Spring Boot's config data adds (application.properties, its active
     * profiles' files and the optional secrets directory it imports).
     */
    static ConfigurableEnvironment environment(Map<String, Object> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("tcbill-command", overrides));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    /** {@code logging.level.<logger>} as the application applies them (status quiets io.tcbill to WARN this way). */
    private static void applyLogLevels(Binder binder) {
        Map<String, LogLevel> levels = binder.bind("logging.level", Bindable.mapOf(String.class, LogLevel.class))
                .orElse(Map.of());
        if (levels.isEmpty()) {
            return;
        }
        LoggingSystem logging = LoggingSystem.get(StatusContext.class.getClassLoader());
        levels.forEach((logger, level) -> logging.setLogLevel(logger.equalsIgnoreCase("root") ? null : logger, level));
    }

    /** Not pooled: a new connection each time, with the application pool's URL, user, password and driver. */
    private static DataSource metadataSource(Binder binder) {
        DataSourceProperties properties = binder.bindOrCreate("spring.datasource", Bindable.ofInstance(new DataSourceProperties()));
        properties.setBeanClassLoader(StatusContext.class.getClassLoader());
        try {
            properties.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("spring.datasource: " + e.getMessage(), e);
        }
        return properties.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
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
        return metadataSource;
    }

    public DuckDbProperties duckDb() {
        return duckDb;
    }

    /** Spring Batch's table prefix ({@code spring.batch.jdbc.table-prefix}, default {@code BATCH_}). */
    public String batchTablePrefix() {
        return environment.getProperty("spring.batch.jdbc.table-prefix", "BATCH_");
    }

    public FeedCatalog feeds() {
        return feeds;
    }

    /** The configured account role ({@code tcbill.api.role}). */
    public Role role() {
        return api.role();
    }

    /** Where the published Parquet files are ({@code tcbill.duckdb.curated-dir}). */
    public Path curatedDir() {
        return duckDb.curatedDir();
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
    }
}
