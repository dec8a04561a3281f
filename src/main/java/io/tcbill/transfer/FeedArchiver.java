package io.tcbill.transfer;

import io.tcbill.feed.Feed;
import io.tcbill.partner.JsonFeeds;
import io.tcbill.partner.PartnerClient;
import io.tcbill.poll.ReadyPoller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/**
 * Archives one file of a feed, as its descriptor's format says: a {@link Feed.Format#CSV CSV} feed's bill file through
 * its download link (asked for from the file's source and awaited until ready, then streamed by {@link RawArchiver}); a
 * {@link Feed.Format#JSON JSON} feed's answers for the customer ({@link JsonFeeds}) written to a local NDJSON file,
 * then archived as one object. The service behind the archive step.
 */
@Component
public final class FeedArchiver {

    private final PartnerClient client;
    private final JsonFeeds jsonFeeds;
    private final ReadyPoller poller;
    private final RawArchiver archiver;

    public FeedArchiver(PartnerClient client, JsonFeeds jsonFeeds, ReadyPoller poller, RawArchiver archiver) {
        this.client = client;
        this.jsonFeeds = jsonFeeds;
        this.poller = poller;
        this.archiver = archiver;
    }

    /**
     * Archives the file; {@code received} hears the bytes downloaded so far (a bill file only). A failure propagates
     * as thrown: the file was not ready, the API refused, the transfer failed.
     */
    public RawObject archive(FeedFile file, LongConsumer received) {
        Feed feed = file.feed();
        if (feed.format() == Feed.Format.JSON) {
            return archiveAnswers(file);
        }
        return archiver.archive(file.target(), () -> poller.awaitReady(file.toString(),
                () -> client.describeDownloadUrl(feed.source(file.kind()), file.month(), file.customerUin(),
                        file.customerType())), received);
    }

    /** Calls the feed's JSON APIs for one customer and archives the answers as one NDJSON object. */
    private RawObject archiveAnswers(FeedFile file) {
        Feed feed = file.feed();
        if (file.customerUin() == null) {
            throw new IllegalStateException("feed " + feed.name() + " is per customer; the reseller role is needed");
        }
        Path ndjson = null;
        try {
            ndjson = Files.createTempFile("tcbill-" + feed.name() + "-", ".ndjson");
            try (OutputStream out = Files.newOutputStream(ndjson)) {
                jsonFeeds.writeAnswers(feed, file.month(), file.customerUin(), out);
            }
            return archiver.archiveFile(file.target(), feed.name() + ".ndjson", ndjson);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the " + feed.name() + " answers to a temporary file", e);
        } finally {
            if (ndjson != null) {
                ndjson.toFile().delete();
            }
        }
    }
}
