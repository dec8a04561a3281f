package io.tcbill.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Another tcbill process in the middle of publishing the analysts' DuckDB file: {@code <path>}. Takes the publishers'
 * lock, prints "holding" and keeps it until its standard input closes.
 */
public final class PublishLockHolder {

    public static void main(String[] args) throws Exception {
        Path database = Path.of(args[0]);
        new FileLock(database, Duration.ofMinutes(1), database.resolveSibling("curated")).exclusive(() -> {
            System.out.println("holding");
            System.out.flush();
            try {
                while (System.in.read() != -1) {
                    // wait for the test to close our input
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }
}
