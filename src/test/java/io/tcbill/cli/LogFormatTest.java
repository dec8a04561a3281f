package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.tcbill.app.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log set-up ({@link LogSetup}) as logback applies it before Spring starts: text lines with the run id by default, one
 * JSON object per line (run id as a field) with {@code TCBILL_LOG_FORMAT=json}; stderr either way.
 */
class LogFormatTest {

    private static final String RUN_ID = "l3/2026-10/42";

    @Test
    void jsonLogsCarryTheRunIdAsAField() throws Exception {
        // given the switch set, as an environment variable or system property would set it
        List<String> lines = logWithRunId("json", null);

        // then one ECS JSON object on stderr, with the message, level, logger and run id
        assertThat(lines).hasSize(1);
        JsonNode line = JsonMapper.shared().readTree(lines.get(0));
        assertThat(line.path("message").asString()).isEqualTo("l3 2026-10: published 50 rows from 3 file(s)");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("log").path("logger").asString()).isEqualTo("io.tcbill.job.LoadTablesTasklet");
        assertThat(line.path("runId").asString()).isEqualTo(RUN_ID);
        assertThat(line.path("@timestamp").asString()).isNotEmpty();
    }

    @Test
    void theLogstashShapeCanBeChosen() throws Exception {
        List<String> lines = logWithRunId("json", "logstash");

        JsonNode line = JsonMapper.shared().readTree(lines.get(0));
        assertThat(line.path("message").asString()).startsWith("l3 2026-10: published");
        assertThat(line.path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("runId").asString()).isEqualTo(RUN_ID);
    }

    @Test
    void aJsonShapeAloneMeansJson() throws Exception {
        // given only TCBILL_LOG_JSON set (a regression: it kept text lines unless TCBILL_LOG_FORMAT=json was set too)
        List<String> lines = logWithRunId(null, "logstash");

        // then one logstash-shaped JSON object
        JsonNode line = JsonMapper.shared().readTree(lines.get(0));
        assertThat(line.path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("runId").asString()).isEqualTo(RUN_ID);
    }

    @Test
    void textWinsOverAJsonShape() throws Exception {
        List<String> lines = logWithRunId("text", "logstash");

        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("[" + RUN_ID + "] - l3 2026-10: published 50 rows").doesNotStartWith("{"));
    }

    @Test
    void textLogsShowTheRunIdAfterTheLogger() throws Exception {
        List<String> lines = logWithRunId(null, null);

        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains(" INFO  [main] i.t.j.LoadTablesTasklet [" + RUN_ID + "] - l3 2026-10: published 50 rows")
                .doesNotStartWith("{"));
    }

    @Test
    void aLineOutsideARunHasNoEmptyBrackets() throws Exception {
        List<String> lines = log(null, null, () -> { });

        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .contains("i.t.j.LoadTablesTasklet - l3 2026-10").doesNotContain("[]"));
    }

    private static List<String> logWithRunId(String format, String shape) throws Exception {
        return log(format, shape, () -> MDC.put("runId", RUN_ID));
    }

    /** Configures a fresh logger context as logback does at the first line and logs one line, capturing stderr. */
    private static List<String> log(String format, String shape, Runnable mdc) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
        if (format != null) {
            context.putProperty("TCBILL_LOG_FORMAT", format);
        }
        if (shape != null) {
            context.putProperty("TCBILL_LOG_JSON", shape);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogSetup.FirstLine configurator = new LogSetup.FirstLine();
            configurator.setContext(context);
            configurator.configure(context);
            Logger logger = context.getLogger("io.tcbill.job.LoadTablesTasklet");
            mdc.run();
            logger.info("{} {}: published {} rows from {} file(s)", "l3", "2026-10", 50, 3);
        } finally {
            MDC.remove("runId");
            System.setErr(stderr);
            context.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
