package io.tcbill.cli;

import io.tcbill.partner.ApiProperties;
import io.tcbill.app.SpringContexts;
import io.tcbill.schedule.ScheduleRegistrar;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tcbill schedule}: the long-lived scheduler, until Ctrl-C or SIGTERM. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {
            "Runs the monthly pulls on schedule until Ctrl-C or SIGTERM.",
            "",
            "Pulls each feed of the configured role when its jobs/ descriptor says (cron and time zone: the previous"
                    + " month, and again the month before for restatements), as 'run' would. The descriptors are"
                    + " built in; TCBILL_JOBS_DIR names a directory whose *.yml replace them, and e.g."
                    + " TCBILL_SCHEDULE_L3_CRON overrides one schedule. Schedules and their state live in the metadata"
                    + " database (spring.datasource.*): a fire missed while no scheduler ran runs on start for the"
                    + " months due at its own scheduled time, and instances sharing one PostgreSQL database form a"
                    + " cluster in which each fire runs on one instance only. Fires and outcomes are logged.",
            "",
            "While it runs, health and Prometheus metrics are served on the management port:"
                    + " http://127.0.0.1:8081/actuator/health and /actuator/prometheus (management.server.port,"
                    + " management.server.address), and the read-only status page at /status (as 'serve' does).",
            "",
            "Configuration comes from environment variables, as for 'run' (see the README)."},
        footer = ExitCodes.HELP_FOOTER)
final class ScheduleCommand implements Callable<Integer> {

    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, SchedulerException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigurableApplicationContext context;
        try {
            context = SpringContexts.start(contextProperties());
        } catch (SpringContexts.StartupException e) {
            err.println("tcbill: " + e.getMessage());
            return ExitCodes.of(e);
        }
        CountDownLatch closed = new CountDownLatch(1);
        // closing the context shuts Quartz down: it waits for a pull in progress to finish
        // (spring.quartz.wait-for-jobs-to-complete-on-shutdown) and leaves the next fires to the other instances
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            closed.countDown();
        }, "tcbill-schedule-shutdown"));
        print(context.getBean(Scheduler.class).getMetaData(), context.getBean(ScheduleRegistrar.class).scheduled(), out);
        out.printf("Health and metrics: http://%s:%s/actuator/health and /actuator/prometheus; status page: /status%n",
                context.getEnvironment().getProperty("server.address"),
                context.getEnvironment().getProperty("local.server.port"));
        out.flush();
        closed.await();
        return ExitCodes.OK;
    }

    /**
     * Starts Quartz, and a web server that serves only the actuator endpoints (health, info, prometheus) on the
     * management port and address; every other command runs without a web server.
     */
    static Map<String, Object> contextProperties() {
        return Map.of("spring.quartz.auto-startup", "true", ApiProperties.CREDENTIALS_REQUIRED, "true",
                "spring.main.web-application-type", "servlet",
                // one server, on the management port: management.server.port equal to server.port means the same one
                "server.port", "${management.server.port:8081}",
                "server.address", "${management.server.address:127.0.0.1}");
    }

    static void print(SchedulerMetaData scheduler, List<ScheduleRegistrar.ScheduledPull> pulls, PrintWriter out) {
        out.printf("Scheduler %s started: instance %s, %s%n", scheduler.getSchedulerName(),
                scheduler.getSchedulerInstanceId(), scheduler.isJobStoreClustered()
                        ? "clustered on the metadata database" : "not clustered");
        if (pulls.isEmpty()) {
            out.println("No schedules in jobs/ for the configured role.");
        } else {
            out.printf("  %-16s %-11s %-16s %-15s %-12s %s%n", "schedule", "feed", "cron", "zone", "months back",
                    "next fire");
            for (ScheduleRegistrar.ScheduledPull pull : pulls) {
                out.printf("  %-16s %-11s %-16s %-15s %-12s %s%n", pull.schedule(), pull.feed(), pull.cron(), pull.zone(),
                        pull.monthsBack(), pull.nextFire() == null ? "never" : NEXT.format(pull.nextFire()));
            }
        }
        out.println("Running until Ctrl-C or SIGTERM; each fire and its outcome is logged.");
        out.flush();
    }
}
