package io.tcbill.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command of this jar run as a user runs it, a child {@code java -jar} in a working directory, with its wall time,
 * CPU time and peak RSS read from Linux's /proc while it runs (sampled every 5 ms; the last sample before it exits).
 */
record ChildUsage(int exit, double wallSeconds, double cpuSeconds, double peakRssMiB) {

    private static final double CLOCK_TICKS = 100.0;

    static ChildUsage run(Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", Path.of(classPath).toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classPath, "io.tcbill.cli.TcbillCli"));
        }
        command.addAll(List.of(args));
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.directory(workingDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        double cpu = 0;
        long rss = 0;
        while (process.isAlive()) {
            try {
                String[] stat = Files.readString(proc.resolve("stat")).replaceFirst(".*\\) ", "").split(" ");
                cpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / CLOCK_TICKS; // utime, stime
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    if (line.startsWith("VmHWM:")) {
                        rss = Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // it exited between the check and the read
            }
            Thread.sleep(5);
        }
        int exit = process.waitFor();
        return new ChildUsage(exit, (System.nanoTime() - start) / 1e9, cpu, rss / 1048576.0);
    }

    /** The median of three runs by wall time. */
    static ChildUsage median(Path workingDir, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<ChildUsage> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(run(workingDir, environment, args));
        }
        runs.sort(java.util.Comparator.comparingDouble(ChildUsage::wallSeconds));
        return runs.get(1);
    }
}
