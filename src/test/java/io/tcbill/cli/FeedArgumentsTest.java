package io.tcbill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedArgumentsTest {

    private final FeedCatalog catalog = FeedCatalog.load();

    @Test
    void theResellerRoleServesEveryFeedAndCustomer() {
        assertThat(FeedArguments.roleProblem(catalog.names(), List.of(1L), Role.RESELLER, catalog)).isNull();
        assertThat(FeedArguments.roleProblem(List.of("l2", "l3", "commission"), List.of(), Role.CUSTOMER, catalog)).isNull();
    }
}
