package io.tcbill.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A Quartz JDBC job store for tests: an H2 file or a fresh PostgreSQL database with the tables of
 * {@code quartz-tables.sql}, and schedulers built straight from the {@code spring.quartz.properties.*} of
 * application.properties (no Spring context), with only timings shortened and the data source filled in.
 */
final class QuartzTestStore implements AutoCloseable {

    static final String TABLES = "io/tcbill/schedule/quartz-tables.sql";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private final String url;
    private final String user;
    private final String dropDatabase;

    private QuartzTestStore(String url, String user, String dropDatabase) {
        this.url = url;
        this.user = user;
        this.dropDatabase = dropDatabase;
    }

    static QuartzTestStore h2(Path dir) {
        return new QuartzTestStore("jdbc:h2:file:" + dir.resolve("meta").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "sa", null);
    }

    /** A new database {@code tcbill_quartz_<random>} on the local server, or {@link Unavailable} saying why not. */
    static QuartzTestStore postgres() {
        String name = "tcbill_quartz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new Unavailable("PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres (.ci/run starts it"
                    + " when installed), skipping the PostgreSQL job store tests: " + e.getMessage());
        }
        return new QuartzTestStore(POSTGRES + name, "postgres", name);
    }

    QuartzTestStore withTables(String classpathScript) {
        try (Connection connection = connect()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(classpathScript));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the Quartz tables with " + classpathScript, e);
        }
        return this;
    }

    /** The same database as a data source (e.g. for the alerts' table, which lives beside Quartz's). */
    javax.sql.DataSource dataSource() {
        return new org.springframework.jdbc.datasource.DriverManagerDataSource(url, user, "");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** A scheduler in standby on this store, creating {@link FeedPullJob}s around the given launcher. */
    Scheduler scheduler(String instanceId, FeedLauncher launcher) throws SchedulerException {
        Properties properties = bootQuartzProperties();
        String dataSource = "ds_" + UUID.randomUUID().toString().replace("-", "");
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        properties.setProperty("org.quartz.threadPool.threadCount", "2");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "500");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.dataSource." + dataSource + ".provider", "hikaricp");
        properties.setProperty("org.quartz.dataSource." + dataSource + ".driver",
                url.startsWith("jdbc:h2") ? "org.h2.Driver" : "org.postgresql.Driver");
        properties.setProperty("org.quartz.dataSource." + dataSource + ".URL", url);
        properties.setProperty("org.quartz.dataSource." + dataSource + ".user", user);
        properties.setProperty("org.quartz.dataSource." + dataSource + ".password", "");
        properties.setProperty("org.quartz.dataSource." + dataSource + ".maxConnections", "4");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        // Spring's SchedulerFactoryBean does the same: several schedulers of one name in one JVM (cluster members here)
        SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
        scheduler.setJobFactory((bundle, owner) -> new FeedPullJob(launcher));
        return scheduler;
    }

    /** The {@code spring.quartz.properties.*} Boot passes to Quartz, plus the scheduler name it sets. */
    static Properties bootQuartzProperties() {
        Properties application = new Properties();
        try (InputStream in = QuartzTestStore.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties quartz = new Properties();
        String prefix = "spring.quartz.properties.";
        application.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> quartz.setProperty(key.substring(prefix.length()), application.getProperty(key)));
        quartz.setProperty("org.quartz.scheduler.instanceName", application.getProperty("spring.quartz.scheduler-name"));
        return quartz;
    }

    @Override
    public void close() throws SQLException {
        if (dropDatabase != null) {
            try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + dropDatabase + " WITH (FORCE)");
            }
        }
    }

    /** No PostgreSQL server to test against. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
