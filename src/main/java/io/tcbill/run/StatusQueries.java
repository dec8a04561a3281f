package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The run history {@code status} shows (and the scheduler's metrics start from), read from Spring Batch's tables with
 * a few targeted queries: the newest execution of each month and feed (two queries, whatever the number of
 * executions), and only with the raw keys one query per shown run. Through the JobRepository the same would load every
 * step of every execution with its context: a reseller month has a partition step per customer and file.
 *
 * <p>Step contexts are decoded with Spring Batch's {@link DefaultExecutionContextSerializer}, the one Spring Boot
 * configures when the application defines none (tcbill defines none), as UTF-8 text as Batch's JDBC DAO writes it.
 */
public final class StatusQueries {

    private final Connection db;
    private final String prefix;
    private final ExecutionContextSerializer serializer;

    public StatusQueries(Connection db, String tablePrefix) {
        this(db, tablePrefix, new DefaultExecutionContextSerializer());
    }

    StatusQueries(Connection db, String tablePrefix, ExecutionContextSerializer serializer) {
        this.db = db;
        this.prefix = tablePrefix;
        this.serializer = serializer;
    }

    /**
     * The newest execution of each month and feed ever run (any customer scope or attempt), of {@code month} only
     * when not null, newest month first, then by feed; empty when Batch's tables do not exist yet.
     */
    public List<RunRecord> latest(YearMonth month) {
        String newest = "SELECT MAX(e.JOB_EXECUTION_ID) FROM " + table("JOB_EXECUTION") + " e"
                + " JOIN " + table("JOB_INSTANCE") + " i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND i.JOB_NAME = ?"
                + param("m", MonthlyBillsJob.PARAMETER_MONTH) + param("f", MonthlyBillsJob.PARAMETER_FEED)
                + (month == null ? "" : " WHERE m.PARAMETER_VALUE = ?")
                + " GROUP BY m.PARAMETER_VALUE, f.PARAMETER_VALUE";
        List<Object> arguments = month == null ? List.of(MonthlyBillsJob.NAME) : List.of(MonthlyBillsJob.NAME, month.toString());
        try {
            return tablesExist() ? runs(newest, arguments) : List.of();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run history from the metadata database: " + e.getMessage(), e);
        }
    }

    /** The newest execution of one job instance (an attempt), or null when it has none. */
    public RunRecord newest(long jobInstanceId) {
        String newest = "SELECT MAX(x.JOB_EXECUTION_ID) FROM " + table("JOB_EXECUTION") + " x WHERE x.JOB_INSTANCE_ID = ?";
        try {
            List<RunRecord> runs = runs(newest, List.of(jobInstanceId));
            return runs.isEmpty() ? null : runs.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run history from the metadata database: " + e.getMessage(), e);
        }
    }

    /** Whether an execution of the job instance (an attempt) completed. */
    public boolean completed(long jobInstanceId) {
        String sql = "SELECT COUNT(*) FROM " + table("JOB_EXECUTION") + " WHERE JOB_INSTANCE_ID = ? AND STATUS = ?";
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, jobInstanceId);
            query.setString(2, "COMPLETED");
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run history from the metadata database: " + e.getMessage(), e);
        }
    }

    /**
     * The executions whose ids the query {@code executions} (taking {@code arguments}) selects, with the rows and
     * restatement their load steps recorded: two queries, whatever the number of step executions.
     */
    private List<RunRecord> runs(String executions, List<Object> arguments) throws SQLException {
        Map<Long, Long> rows = new HashMap<>();
        Map<Long, String> restated = new HashMap<>();
        loadSteps(executions, arguments, rows, restated);
        List<RunRecord> runs = new ArrayList<>();
        String sql = "SELECT e.JOB_EXECUTION_ID, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE, m.PARAMETER_VALUE,"
                + " f.PARAMETER_VALUE, s.PARAMETER_VALUE, a.PARAMETER_VALUE FROM " + table("JOB_EXECUTION") + " e"
                + param("m", MonthlyBillsJob.PARAMETER_MONTH) + param("f", MonthlyBillsJob.PARAMETER_FEED)
                + " LEFT" + param("s", MonthlyBillsJob.PARAMETER_SCOPE)
                + " LEFT" + param("a", MonthlyBillsJob.PARAMETER_ATTEMPT)
                + " WHERE e.JOB_EXECUTION_ID IN (" + executions + ")"
                + " ORDER BY m.PARAMETER_VALUE DESC, f.PARAMETER_VALUE";
        try (PreparedStatement query = prepare(sql, arguments); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                long id = row.getLong(1);
                RunRecord.State state = state(row.getString(2));
                runs.add(new RunRecord(YearMonth.parse(row.getString(6)), row.getString(7),
                        row.getString(8) == null ? "all" : row.getString(8), id,
                        row.getString(9) == null ? 1 : Long.parseLong(row.getString(9)), state,
                        state == RunRecord.State.STARTING || state == RunRecord.State.STARTED
                                || state == RunRecord.State.STOPPING,
                        time(row.getTimestamp(3)), time(row.getTimestamp(4)), rows.getOrDefault(id, 0L),
                        RunHistory.reason(row.getString(2), row.getString(5)), restated.get(id)));
            }
        }
        return runs;
    }

    /**
     * The newest month each feed has a completed run of for all customers (a run limited to some customers does not
     * count), with one query; empty when Batch's tables do not exist yet. Months sort as text (YYYY-MM).
     */
    public Map<String, YearMonth> newestCompleteMonths() {
        String sql = "SELECT f.PARAMETER_VALUE, MAX(m.PARAMETER_VALUE) FROM " + table("JOB_EXECUTION") + " e"
                + " JOIN " + table("JOB_INSTANCE") + " i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND i.JOB_NAME = ?"
                + param("m", MonthlyBillsJob.PARAMETER_MONTH) + param("f", MonthlyBillsJob.PARAMETER_FEED)
                + " LEFT" + param("s", MonthlyBillsJob.PARAMETER_SCOPE)
                + " WHERE e.STATUS = 'COMPLETED' AND (s.PARAMETER_VALUE IS NULL OR s.PARAMETER_VALUE = 'all')"
                + " GROUP BY f.PARAMETER_VALUE";
        try {
            if (!tablesExist()) {
                return Map.of();
            }
            Map<String, YearMonth> months = new HashMap<>();
            try (PreparedStatement query = prepare(sql, List.of(MonthlyBillsJob.NAME)); ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    months.put(row.getString(1), YearMonth.parse(row.getString(2)));
                }
            }
            return months;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the completed months from the metadata database: " + e.getMessage(), e);
        }
    }

    /**
     * The raw object keys of every file archived for the run's attempt (its job instance, all executions), by the rule a
     * restart uses ({@link MonthlyBillsJob#archivedKeys}), read with one query of its load and archive partition steps.
     */
    public List<String> rawKeys(RunRecord run) {
        String sql = "SELECT s.STEP_NAME, s.STEP_EXECUTION_ID, s.STATUS, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT FROM "
                + table("STEP_EXECUTION") + " s JOIN " + table("STEP_EXECUTION_CONTEXT")
                + " c ON c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID"
                + " WHERE s.JOB_EXECUTION_ID IN (SELECT x.JOB_EXECUTION_ID FROM " + table("JOB_EXECUTION") + " x"
                + " JOIN " + table("JOB_EXECUTION") + " e ON e.JOB_INSTANCE_ID = x.JOB_INSTANCE_ID WHERE e.JOB_EXECUTION_ID = ?)"
                + " AND (s.STEP_NAME = ? OR (s.STEP_NAME LIKE ? AND s.STATUS = 'COMPLETED'))";
        List<MonthlyBillsJob.StepRecord> steps = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, run.executionId());
            query.setString(2, MonthlyBillsJob.LOAD_TABLES);
            query.setString(3, MonthlyBillsJob.ARCHIVE_FILE + ":%");
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    steps.add(new MonthlyBillsJob.StepRecord(row.getString(1), row.getLong(2),
                            "COMPLETED".equals(row.getString(3)), context(row.getString(4), row.getString(5))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the archived files from the metadata database: " + e.getMessage(), e);
        }
        return MonthlyBillsJob.archivedKeys(steps);
    }

    /**
     * Rows published by the load step of each execution the query {@code executions} selects, and what it restated (if
     * anything), by execution, into {@code rows} and {@code restated}. Only the load steps are read (an index on the
     * execution and step name, {@link BatchIndexes}), never the partition step per customer and file: the executions
     * are joined as a derived table, because H2 looks up {@code JOB_EXECUTION_ID IN (subquery) AND STEP_NAME = ?}
     * through that index by step name alone, scanning every step of the history (300,000 rows, 2 s on the issue's
     * metadata), where the join looks up each execution and step name.
     */
    private void loadSteps(String executions, List<Object> arguments, Map<Long, Long> rows, Map<Long, String> restated)
            throws SQLException {
        String sql = "SELECT s.JOB_EXECUTION_ID, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT FROM (" + executions + ") n (ID)"
                + " JOIN " + table("STEP_EXECUTION") + " s ON s.JOB_EXECUTION_ID = n.ID AND s.STEP_NAME = ?"
                + " JOIN " + table("STEP_EXECUTION_CONTEXT") + " c ON c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID";
        List<Object> all = new ArrayList<>(arguments);
        all.add(MonthlyBillsJob.LOAD_TABLES);
        try (PreparedStatement query = prepare(sql, all); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                ExecutionContext context = context(row.getString(2), row.getString(3));
                rows.merge(row.getLong(1), MonthlyBillsJob.rows(context), Long::sum);
                if (MonthlyBillsJob.restated(context) != null) {
                    restated.put(row.getLong(1), MonthlyBillsJob.restated(context));
                }
            }
        }
    }

    private PreparedStatement prepare(String sql, List<Object> arguments) throws SQLException {
        PreparedStatement query = db.prepareStatement(sql);
        for (int i = 0; i < arguments.size(); i++) {
            query.setObject(i + 1, arguments.get(i));
        }
        return query;
    }

    /** A step context as Batch's JDBC DAO stored it: the serialized text, in the long column when it did not fit. */
    private ExecutionContext context(String shortContext, String serializedContext) {
        String text = serializedContext != null ? serializedContext : shortContext;
        try {
            return new ExecutionContext(serializer.deserialize(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read a step's context in the metadata database: " + e.getMessage(), e);
        }
    }

    /** Whether Batch created its tables here (a database no command has run against has none: no runs yet). */
    private boolean tablesExist() throws SQLException {
        String name = table("STEP_EXECUTION_CONTEXT");
        for (String spelling : List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = db.getMetaData().getTables(null, null, spelling, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private String table(String name) {
        return prefix + name;
    }

    private String param(String alias, String name) {
        return " JOIN " + table("JOB_EXECUTION_PARAMS") + " " + alias + " ON " + alias + ".JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                + " AND " + alias + ".PARAMETER_NAME = '" + name + "'";
    }

    private static RunRecord.State state(String status) {
        try {
            return RunRecord.State.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            return RunRecord.State.UNKNOWN;
        }
    }

    /** Batch writes LocalDateTime as a TIMESTAMP without zone; read back the same wall-clock time. */
    private static LocalDateTime time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime();
    }
}
