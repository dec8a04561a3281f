package io.tcbill;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.load.DuckDbProperties;
import io.tcbill.load.MonthLoader;
import io.tcbill.partner.ApiProperties;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.PollProperties;
import io.tcbill.poll.ReadyPoller;
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

    @Bean
    PartnerClient partnerClient(ApiProperties properties) {
        return new PartnerClient(properties);
    }

    @Bean
    ReadyPoller readyPoller(PollProperties properties) {
        return new ReadyPoller(properties);
    }

    @Bean(destroyMethod = "close")
    ObjectStorage objectStorage(StorageProperties properties) {
        return new ObjectStorage(properties);
    }

    @Bean
    RawArchiver rawArchiver(ObjectStorage storage, DownloadProperties properties) {
        return new RawArchiver(storage, properties);
    }

    @Bean
    MonthLoader monthLoader(DuckDbProperties properties) {
        return new MonthLoader(properties);
    }
}
