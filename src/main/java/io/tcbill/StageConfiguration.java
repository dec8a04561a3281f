package io.tcbill;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcbill.feed.FeedCatalog;
import io.tcbill.storage.ObjectStorage;
import io.tcbill.storage.StorageProperties;
import io.tcbill.transfer.DownloadProperties;
import io.tcbill.transfer.RawArchiver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One bean per pipeline stage, each built from its own properties record. */
@Configuration(proxyBeanMethods = false)
class StageConfiguration {

    @Bean
    FeedCatalog feedCatalog() {
        return FeedCatalog.load();
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
