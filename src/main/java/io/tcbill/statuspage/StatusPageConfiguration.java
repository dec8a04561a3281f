package io.tcbill.statuspage;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.partner.ApiProperties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Puts the status page on {@code schedule}'s web server (the management port, beside the actuator endpoints), at
 * {@value StatusPage#ROOT}; commands without a web server get nothing of it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class StatusPageConfiguration {

    @Bean
    ServletRegistrationBean<StatusServlet> statusPage(DataSource metadata, FeedCatalog feeds, ApiProperties api,
                                                      DuckDbProperties duckDb, Environment environment) {
        StatusPage page = StatusPage.of(metadata, environment.getProperty("spring.batch.jdbc.table-prefix", "BATCH_"),
                feeds, api.role(), duckDb);
        ServletRegistrationBean<StatusServlet> registration =
                new ServletRegistrationBean<>(new StatusServlet(page), StatusPage.ROOT, StatusPage.ROOT + "/*");
        registration.setName("tcbillStatusPage");
        return registration;
    }
}
