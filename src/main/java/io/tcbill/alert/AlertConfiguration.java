package io.tcbill.alert;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.partner.ApiProperties;
import io.tcbill.run.RunHistory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The alerts of every command, and in {@code tcbill schedule} the watch for late months. */
@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    /** Closed with the context: a command waits there for its last alerts to go out (bounded). */
    @Bean
    Alerts alerts(AlertProperties properties, DataSource metadata) {
        return new Alerts(properties, metadata, Clock.systemUTC());
    }

    @Bean
    LateMonths lateMonths(Alerts alerts, FeedCatalog catalog, ApiProperties api, RunHistory history,
                          AlertProperties properties, @Value("${spring.quartz.auto-startup:false}") boolean scheduler) {
        return new LateMonths(alerts, catalog.namesFor(api.role()).stream().map(catalog::get).toList(), history::loaded,
                properties, Clock.systemUTC(), scheduler);
    }
}
