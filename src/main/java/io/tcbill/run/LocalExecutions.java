package io.tcbill.run;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The job executions running in this JVM. Each records this process as its owner in the metadata as soon as it starts
 * (so another process can tell a live run from one whose process died), and its waiting worker threads can be
 * interrupted to stop it quickly.
 */
public final class LocalExecutions implements JobExecutionListener {

    private final JobRepository jobRepository;
    private final Map<Long, Set<Thread>> running = new ConcurrentHashMap<>();
    private final Set<Long> stopping = ConcurrentHashMap.newKeySet();

    LocalExecutions(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        ExecutionOwner.self().writeTo(execution.getExecutionContext());
        jobRepository.updateExecutionContext(execution);
        running.put(execution.getId(), ConcurrentHashMap.newKeySet());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution.getId());
        stopping.remove(execution.getId());
    }

    /** Ids of the executions running in this JVM. */
    List<Long> ids() {
        return List.copyOf(running.keySet());
    }

    /**
     * Marks the calling thread as working for the execution until {@link Work#close()}: only then may it be interrupted.
     * Closing clears a pending interrupt, so the step's own bookkeeping (database writes) is never interrupted.
     */
    public Work working(long jobExecutionId) {
        Thread thread = Thread.currentThread();
        Set<Thread> threads = running.getOrDefault(jobExecutionId, ConcurrentHashMap.newKeySet());
        synchronized (threads) {
            threads.add(thread);
        }
        return () -> {
            synchronized (threads) {
                threads.remove(thread);
                Thread.interrupted();
            }
        };
    }

    /** Interrupts the threads working for the execution (polls and downloads), so that its stop takes effect soon. */
    void interrupt(long jobExecutionId) {
        stopping.add(jobExecutionId);
        Set<Thread> threads = running.getOrDefault(jobExecutionId, Set.of());
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }

    /**
     * Whether a shutdown is stopping the execution: its threads were interrupted on purpose, so what fails in them now
     * is the stop, not a fault of the file.
     */
    public boolean stopping(long jobExecutionId) {
        return stopping.contains(jobExecutionId);
    }

    /** A thread's registration; closing it never fails. */
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }
}
