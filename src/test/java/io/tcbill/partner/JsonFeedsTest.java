package io.tcbill.partner;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.tcbill.feed.Feed;
import io.tcbill.feed.FeedCatalog;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFeedsTest {

    @Test
    void aJsonFeedWhoseSourceNamesNoKnownFetchIsRefusedBeforeAnyCall() {
        // given the summaries feed, its descriptor edited to name another action (nothing listens on the endpoint)
        Feed summaries = FeedCatalog.load().get("summaries");
        Feed edited = new Feed(summaries.name(), summaries.description(), summaries.format(), summaries.table(),
                summaries.tables(), summaries.mapping(), summaries.packCustomerColumn(), summaries.customerColumn(),
                Map.of(Feed.SourceKind.CUSTOMER, new Feed.Source("DescribeBillSummary", null)),
                summaries.earliestMonth(), summaries.schedules());
        JsonFeeds feeds = new JsonFeeds(new PartnerClient(ApiProperties.of(URI.create("http://127.0.0.1:9"), "id", "key")));

        // then it names the feed, the action and the two actions a JSON feed can start with
        assertThatIllegalStateException()
                .isThrownBy(() -> feeds.writeAnswers(edited, YearMonth.of(2024, 5), 1L, new ByteArrayOutputStream()))
                .withMessageStartingWith("feed summaries names DescribeBillSummary as its customer source")
                .withMessageContaining("DescribeBillSummaryByRegion (summaries) or DescribeCustomerVoucherUsageDetails");
    }
}
