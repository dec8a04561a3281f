package io.tcbill.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The bars as progressbar renders them, captured instead of drawn on a terminal. */
class ProgressBarsTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 10);

    private final List<String> rendered = new CopyOnWriteArrayList<>();
    private final ProgressBars bars = new ProgressBars(() -> new DelegatingProgressBarConsumer(rendered::add, 160));

    @Test
    void theArchiveBarCountsFilesAndBytesFromSeveralThreadsAndEndsAtAHundredPercent() {
        // given
        bars.archiveStarted("l3", MONTH, 4);

        // when: four workers report a file each, concurrently
        IntStream.range(0, 4).parallel().forEach(i -> bars.fileArchived("l3", MONTH, 1_500_000));
        bars.finish();

        // then
        String last = rendered.get(rendered.size() - 1);
        assertThat(last).contains("l3 2026-10 archive").contains("100%").contains("4/4").contains("6.0 MB");
    }

    @Test
    void aLargeFileShowsItsBytesWhileItDownloadsAndCountsThemOnceWhenArchived() {
        // given one file of 20 MB on its way: two parts received
        bars.archiveStarted("l3", MONTH, 1);
        bars.bytesInFlight("l3", MONTH, 8_000_000);
        bars.bytesInFlight("l3", MONTH, 8_000_000);
        bars.finish();
        assertThat(lastRendered()).contains("0/1").contains("16.0 MB");

        // when it restarts from byte 0, then lands whole
        bars.archiveStarted("l3", MONTH, 1);
        bars.bytesInFlight("l3", MONTH, 8_000_000);
        bars.bytesInFlight("l3", MONTH, -8_000_000);
        bars.bytesInFlight("l3", MONTH, 16_000_000);
        bars.bytesInFlight("l3", MONTH, -16_000_000);
        bars.fileArchived("l3", MONTH, 20_000_000);
        bars.finish();

        // then
        assertThat(lastRendered()).contains("1/1").contains("20.0 MB");
    }

    @Test
    void theLoadBarFollowsTheArchiveBarNamingTheFeedAndTheRows() {
        bars.archiveStarted("commission", MONTH, 2);
        bars.fileArchived("commission", MONTH, 800);
        bars.fileFailed("commission", MONTH);

        bars.loadStarted("commission", MONTH, 1);
        bars.fileLoaded("commission", MONTH, 12_345);
        bars.finish();

        // rendering is periodic; starting the load bar ends the archive bar with a last rendering
        String archive = rendered.stream().filter(line -> line.contains("archive")).reduce((a, b) -> b).orElseThrow();
        assertThat(archive).contains("commission 2026-10 archive").contains("100%").contains("2/2")
                .contains("800 B, 1 failed");
        assertThat(lastRendered()).contains("commission 2026-10 load").contains("100%").contains("1/1")
                .contains("12,345 rows");
    }

    @Test
    void aBarThatIsNotFinishedShowsWhereItIs() {
        bars.archiveStarted("l2", MONTH, 4);
        bars.fileArchived("l2", MONTH, 10);
        bars.finish();

        assertThat(lastRendered()).contains("l2 2026-10 archive").contains("25%").contains("1/4")
                .doesNotContain("100%");
    }

    @Test
    void nothingToFetchDrawsNoBar() {
        bars.archiveStarted("l3", MONTH, 0);
        bars.fileArchived("l3", MONTH, 10);
        bars.finish();

        assertThat(rendered).isEmpty();
    }

    @Test
    void bytesReadLikeAPerson() {
        assertThat(ProgressBars.bytes(999)).isEqualTo("999 B");
        assertThat(ProgressBars.bytes(1_000)).isEqualTo("1.0 kB");
        assertThat(ProgressBars.bytes(944_000_000)).isEqualTo("944.0 MB");
        assertThat(ProgressBars.bytes(2_500_000_000L)).isEqualTo("2.5 GB");
    }

    @Test
    void testsAndPipesAreNotInteractiveSoTheyNeverGetABar() {
        // surefire runs without a terminal: run, backfill and demo keep their log lines and print no bar
        assertThat(Terminal.interactive()).isFalse();
    }

    private String lastRendered() {
        return rendered.get(rendered.size() - 1);
    }
}
