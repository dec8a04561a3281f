package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressOptionTest {

    @Test
    void testsAndPipesAreNotInteractiveSoTheyNeverGetABar() {
        // surefire runs without a terminal: run, backfill and demo keep their log lines and print no bar
        assertThat(new ProgressOption().bars()).isNull();
    }
}
