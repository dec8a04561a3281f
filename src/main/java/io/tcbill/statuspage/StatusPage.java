package io.tcbill.statuspage;

import io.tcbill.feed.FeedCatalog;
import io.tcbill.feed.Role;
import io.tcbill.load.DuckDbProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status page's routes, under {@value #ROOT}, for any server to answer GET with: the grid ({@code /status}), a
 * month ({@code /status/months/2026-10}), the JSON of each ({@code /status/api/grid}, {@code /status/api/months/2026-10},
 * {@code /status/api/trend}) and the vendored assets ({@code /status/assets/...}). A page that cannot read the history
 * answers 503 with one line; the reason goes to the log only (a database's message may name its URL).
 */
public final class StatusPage {

    public static final String ROOT = "/status";

    private static final Logger log = LoggerFactory.getLogger(StatusPage.class);
    private static final Pattern MONTH = Pattern.compile(ROOT + "(/api)?/months/(\\d{4}-\\d{2})/?");
    private static final Map<String, String> ASSETS = Map.of(
            "status.css", "text/css; charset=utf-8",
            "trend.js", "text/javascript; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot-LICENSE.txt", "text/plain; charset=utf-8");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";

    private final StatusData data;
    private final Templates templates = new Templates();
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    StatusPage(StatusData data) {
        this.data = data;
    }

    /**
     * The page over the metadata database ({@code batchTablePrefix}: Spring Batch's table prefix) and the DuckDB file
     * of {@code duckDb}, for the feeds of {@code role}; times in the JVM's zone, as {@code status} shows them.
     */
    public static StatusPage of(DataSource metadata, String batchTablePrefix, FeedCatalog feeds, Role role,
                                DuckDbProperties duckDb) {
        return new StatusPage(new StatusData(metadata, batchTablePrefix, feeds, role, duckDb, Clock.systemDefaultZone()));
    }

    /** The answer to a GET of {@code path} (the request's path, without its query). */
    public Response get(String path) {
        try {
            if (path.equals(ROOT) || path.equals(ROOT + "/")) {
                return new Response(200, HTML, templates.grid(data.grid()));
            }
            if (path.equals(ROOT + "/api/grid")) {
                return new Response(200, JSON, json.writeValueAsString(data.grid()));
            }
            if (path.equals(ROOT + "/api/trend")) {
                return new Response(200, JSON, json.writeValueAsString(data.trend()));
            }
            Matcher month = MONTH.matcher(path);
            if (month.matches()) {
                MonthDetail detail = data.month(YearMonth.parse(month.group(2)));
                return month.group(1) == null ? new Response(200, HTML, templates.month(detail))
                        : new Response(200, JSON, json.writeValueAsString(detail));
            }
            if (path.startsWith(ROOT + "/assets/") && ASSETS.containsKey(path.substring(ROOT.length() + 8))) {
                String name = path.substring(ROOT.length() + 8);
                return new Response(200, ASSETS.get(name), asset(name));
            }
            return new Response(404, "text/plain; charset=utf-8", "not found: the status page is at " + ROOT + "\n");
        } catch (SQLException | RuntimeException e) {
            log.warn("the status page {} could not be read: {}", path, e.toString());
            return new Response(503, "text/plain; charset=utf-8",
                    "the status could not be read (the metadata database or the DuckDB file); the log says why\n");
        }
    }

    private static byte[] asset(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the status page asset " + name + " is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status page asset " + name, e);
        }
    }

    /**
     * An answer: status code, content type, body; {@link #HEADERS} go with every answer (nothing from elsewhere: a
     * strict content security policy, no sniffing, no caching of the figures, no framing).
     */
    public record Response(int status, String contentType, byte[] body) {

        public static final Map<String, String> HEADERS = Map.of(
                "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; base-uri 'none';"
                        + " form-action 'none'; frame-ancestors 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-store");

        Response(int status, String contentType, String body) {
            this(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
