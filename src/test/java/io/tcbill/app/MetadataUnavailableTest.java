package io.tcbill.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which start-up failures are the metadata database, and the one line that says which database and what to do. */
class MetadataUnavailableTest {

    private static final String DEFAULT = "jdbc:h2:file:./data/meta;AUTO_SERVER=TRUE;WRITE_DELAY=0";

    @Test
    void aRefusedConnectionNamesTheDatabaseWithoutItsParametersOrUserInfo() {
        RuntimeException failure = new IllegalStateException("bean creation failed",
                new SQLException("Connection to 127.0.0.1:5432 refused.\nmore", "08001"));

        String line = MetadataUnavailable.describe(failure, "jdbc:postgresql://tcbill:secret@127.0.0.1:5432/tcbill?password=x");

        assertThat(line).isEqualTo("the metadata database jdbc:postgresql://127.0.0.1:5432/tcbill cannot be reached"
                + " (Connection to 127.0.0.1:5432 refused.); check that it runs and spring.datasource.url,"
                + " spring.datasource.username and spring.datasource.password");
    }

    @Test
    void anH2FileHeldByAProcessThatDoesNotShareItSaysSo() {
        SQLException inUse = new SQLException("Database may be already in use: \"/srv/data/meta.mv.db\". Possible"
                + " solutions: close all other connection(s); use the server mode [90020-240]", "90020", 90020);

        assertThat(MetadataUnavailable.describe(new RuntimeException(inUse), DEFAULT))
                .isEqualTo("the metadata database jdbc:h2:file:./data/meta is held by another process that does not"
                        + " share it (Database may be already in use: \"/srv/data/meta.mv.db\"); stop that process, or"
                        + " start it with ;AUTO_SERVER=TRUE in spring.datasource.url (the default)");
        assertThat(MetadataUnavailable.describe(new RuntimeException(inUse), "jdbc:h2:file:./data/meta"))
                .contains("is in use by another process").contains("this command opens it without ;AUTO_SERVER=TRUE");
    }

    @Test
    void otherStartUpFailuresAreNotTheMetadata() {
        assertThat(MetadataUnavailable.describe(new IllegalStateException("tcbill.storage.endpoint uses plain http"),
                DEFAULT)).isNull();
        assertThat(MetadataUnavailable.describe(new RuntimeException(new SQLException("syntax error", "42000")),
                DEFAULT)).isNull();
    }
}
