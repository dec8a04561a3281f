package io.tcbill;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import io.tcbill.transfer.DownloadProperties;
import io.tcbill.transfer.RawArchiver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/** One bean per pipeline stage, each built from its own properties record. */
@Configuration(proxyBeanMethods = false)
class StageConfiguration {

    /** The built-in descriptors, or those of {@code tcbill.jobs.dir}, with {@code tcbill.schedule.*} overrides. */
    @Bean
    FeedCatalog feedCatalog(ConfigurableEnvironment environment) {
        String dir = environment.getProperty("tcbill.jobs.dir", "");
        FeedCatalog catalog = FeedCatalog.load(dir.isBlank() ? null : Path.of(dir.trim()), environment::getProperty);
        List<String> names = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                names.addAll(List.of(enumerable.getPropertyNames()));
            }
        }
        catalog.requireKnownScheduleOverrides(names);
        return catalog;
    }

    @Bean(destroyMethod = "close")
    ObjectStorage objectStorage(StorageProperties properties) {
        return new ObjectStorage(properties);
    }

    @Bean
    RawArchiver rawArchiver(ObjectStorage storage, DownloadProperties properties, MeterRegistry registry) {
        return new RawArchiver(storage, properties, registry);
    }
}
