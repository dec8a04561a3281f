package io.tcbill;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tcbill.run.FeedRun;
import io.tcbill.run.MonthRunner;
import io.tcbill.simulator.SimulatorConfig;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** Every log line of runs with faults, exceptions included: no secret key, no signature, no whole signed link. */
@IntegrationTest
class NoSecretsInLogsTest extends PipelineTestSupport {

    @Autowired
    MonthRunner runner;

    @Test
    void aRunWithFaultsLogsNoSecretSignatureOrSignedUrl() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        List<Long> customers = SIMULATOR.data().customerUins().subList(20, 24);
        List<FeedRun> runs;
        try {
            SIMULATOR.faults().serviceBusyEvery(3).internalErrorEvery(4).neverReady(customers.get(0));
            runs = List.of(runner.run(YearMonth.of(2026, 3), "l3", customers),
                    runner.run(YearMonth.of(2026, 3), "summaries", customers),
                    runner.run(YearMonth.now().plusMonths(2), "commission", List.of()));
        } finally {
            SIMULATOR.faults().reset();
            root.detachAppender(captured);
        }
        String logs = captured.list.stream().map(NoSecretsInLogsTest::render).collect(Collectors.joining("\n"))
                + runs.stream().map(FeedRun::reason).map(String::valueOf).collect(Collectors.joining("\n"));

        assertThat(captured.list).hasSizeGreaterThan(20);
        assertThat(logs).contains("OperationDenied.ServiceBusy").contains("not ready");
        assertThat(logs).doesNotContain(SimulatorConfig.DEMO_SECRET_KEY)
                .doesNotContain("Signature=")
                .doesNotContain("q-signature")
                .doesNotContain("q-sign-time")
                .doesNotContainPattern("https?://[^\\s]+\\?[^\\s…]");
    }

    private static String render(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            text += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        return text;
    }
}
