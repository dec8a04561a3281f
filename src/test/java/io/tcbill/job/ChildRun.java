package io.tcbill.job;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * {@code tcbill run} (or another command) in a child JVM, as an operator would start it: the test reads its log lines (stderr) and output
 * (stdout), can pause it at a step of the job ({@link Pause}, seen through a marker file), wait for a state it can
 * observe, and kill it with SIGKILL or stop it with SIGTERM.
 */
final class ChildRun {

    /**
     * Where {@link PausingTcbill} stops the child: when the {@code after}-th execution of a step whose name starts
     * with {@code step} is saved with {@code status} (STARTED or COMPLETED) in the job's metadata.
     */
    record Pause(String step, String status, int after) {
    }

    private final Process process;
    private final Path pauseMarker;
    private final List<String> log = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    private ChildRun(Process process, Path pauseMarker) {
        this.process = process;
        this.pauseMarker = pauseMarker;
        drain(process.getErrorStream(), line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        drain(process.getInputStream(), line -> {
            synchronized (out) {
                out.append(line).append('\n');
            }
        });
    }

    /** Starts {@code tcbill run args} with the environment; {@code pause} (or null) freezes it at that point. */
    static ChildRun start(Map<String, String> environment, List<String> args, Pause pause) {
        List<String> commandLine = new ArrayList<>(List.of("run"));
        commandLine.addAll(args);
        return start(null, environment, commandLine, pause);
    }

    /** Starts {@code tcbill commandLine} in {@code directory} (null: this one), where relative paths resolve. */
    static ChildRun start(Path directory, Map<String, String> environment, List<String> commandLine, Pause pause) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(),
                "-Dlogging.config=classpath:io/tcbill/job/crash-logback.xml"));
        Path marker = null;
        if (pause != null) {
            marker = pauseMarker();
            command.add("-Dtcbill.test.pause-step=" + pause.step());
            command.add("-Dtcbill.test.pause-status=" + pause.status());
            command.add("-Dtcbill.test.pause-after=" + pause.after());
            command.add("-Dtcbill.test.pause-file=" + marker);
            command.add(PausingTcbill.class.getName());
        } else {
            command.add("io.tcbill.cli.TcbillCli");
        }
        command.addAll(commandLine);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(k -> k.startsWith("TCBILL_") || k.startsWith("SPRING_"));
        builder.environment().putAll(environment);
        try {
            return new ChildRun(builder.start(), marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path for the pause's marker file that does not exist yet. */
    private static Path pauseMarker() {
        try {
            Path marker = Files.createTempFile("tcbill-pause-", ".txt");
            Files.delete(marker);
            marker.toFile().deleteOnExit();
            return marker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test JVM's class path without empty entries: surefire's ends with a separator, which would put the working
     * directory (the project, with its {@code schema/} folder) on the child's class path.
     */
    private static String classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the child has paused where it was started to pause (its marker file exists). */
    void awaitPause(Duration timeout) throws InterruptedException {
        if (pauseMarker == null) {
            throw new IllegalStateException("this child was started without a pause");
        }
        await("the pause marker " + pauseMarker, () -> Files.exists(pauseMarker), timeout);
    }

    /** Waits until {@code state} holds, checking every 20 ms; fails if the process ends first or time runs out. */
    void await(String what, BooleanSupplier state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.waitFor(5, TimeUnit.SECONDS); // a child that ended: let the drainers finish
                throw new AssertionError("not reached: " + what + " (child alive " + process.isAlive() + "):\n" + log()
                        + "\n" + out());
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL, as the OOM killer or a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd, Kubernetes or Ctrl-C would; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        // through the handle: Process.destroy() would also close our ends of its stdout and stderr
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not end within " + timeout + ":\n" + log());
        }
        Thread.sleep(100); // the drainers read to the end of the streams
        return process.exitValue();
    }

    String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    private static void drain(InputStream stream, java.util.function.Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
    }
}
