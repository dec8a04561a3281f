package io.tcbill.job;

import io.tcbill.cli.TcbillCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * {@code tcbill} for the child JVMs of {@link ChildRun} that must stop at an exact point of the monthly job, so a test
 * can kill the process there: when the {@code tcbill.test.pause-after}-th step execution whose name starts with
 * {@code tcbill.test.pause-step} is saved with the status {@code tcbill.test.pause-status}, that thread stops, every
 * later call to the job repository (from any thread) stops too, and the file {@code tcbill.test.pause-file} is
 * written. The point is a state of the job's metadata and the signal a file: nothing depends on log wording.
 */
public final class PausingTcbill {

    private final String step = System.getProperty("tcbill.test.pause-step");
    private final String status = System.getProperty("tcbill.test.pause-status");
    private final int after = Integer.getInteger("tcbill.test.pause-after", 1);
    private final Path marker = Path.of(System.getProperty("tcbill.test.pause-file"));
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean paused;

    private PausingTcbill() {
    }

    public static void main(String[] args) {
        PausingTcbill pause = new PausingTcbill();
        SpringApplication.withHook(application -> new SpringApplicationRunListener() {
            @Override
            public void contextPrepared(ConfigurableApplicationContext context) {
                context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof JobRepository repository ? pause.watch(repository) : bean;
                    }
                });
            }
        }, () -> TcbillCli.main(args));
    }

    /** The repository, pausing once the chosen step execution is saved (after the save, so it is in the metadata). */
    private JobRepository watch(JobRepository repository) {
        Class<?>[] interfaces = Arrays.stream(ClassUtils.getAllInterfaces(repository))
                .filter(type -> java.lang.reflect.Modifier.isPublic(type.getModifiers())).toArray(Class<?>[]::new);
        return (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(), interfaces, (proxy, method, args) -> {
            if (paused) {
                pauseForever();
            }
            Object result;
            try {
                result = method.invoke(repository, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("update") && args != null && args.length == 1
                    && args[0] instanceof StepExecution execution && reached(execution)) {
                paused = true;
                try {
                    Files.writeString(marker, execution.getStepName() + " " + execution.getStatus());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pauseForever();
            }
            return result;
        });
    }

    private boolean reached(StepExecution execution) {
        return execution.getStepName().startsWith(step) && execution.getStatus().name().equals(status)
                && seen.add(execution.getId()) && seen.size() == after;
    }

    /** Only the parent's kill ends this. */
    private static void pauseForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep pausing
            }
        }
    }
}
