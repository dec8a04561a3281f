package io.tcbill.run;

import io.tcbill.job.MonthlyBillsJob;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.core.task.TaskDecorator;

/**
 * Puts the run id ({@code feed/month/execution}, e.g. {@code l3/2026-10/42}) into the logging MDC while a feed runs,
 * so every line of the run carries it: in the job's thread, and (as a task decorator of the partition executor) in
 * the worker threads that archive the files.
 */
public final class RunLogContext implements JobExecutionListener, TaskDecorator {

    /** The MDC key; the log patterns and the JSON logs show it. */
    static final String RUN_ID = "runId";

    @Override
    public void beforeJob(JobExecution execution) {
        MDC.put(RUN_ID, runId(execution));
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(RUN_ID);
    }

    /** Runs the task with the MDC of the thread that submitted it, and leaves the worker's MDC as it found it. */
    @Override
    public Runnable decorate(Runnable task) {
        Map<String, String> submitter = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (submitter == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(submitter);
            }
            try {
                task.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }

    static String runId(JobExecution execution) {
        return MonthlyBillsJob.feed(execution) + "/" + MonthlyBillsJob.month(execution) + "/" + execution.getId();
    }
}
