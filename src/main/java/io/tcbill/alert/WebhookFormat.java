package io.tcbill.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The body an alert is posted with, as the receiving chat or tool expects it; all are JSON. */
public enum WebhookFormat {

    /** tcbill's own: {@code kind}, {@code feed}, {@code month}, {@code title}, {@code text}, {@code lines}, {@code at}. */
    GENERIC {
        @Override
        Object body(Alert alert, Instant at) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("source", "tcbill");
            body.put("kind", alert.kind().name());
            body.put("feed", alert.feed());
            body.put("month", alert.month() == null ? null : alert.month().toString());
            body.put("title", alert.title());
            body.put("text", alert.text());
            body.put("lines", alert.lines());
            body.put("at", at.toString());
            return body;
        }
    },

    /** Slack's incoming webhooks (and the many tools that accept the same): {@code {"text": ...}}. */
    SLACK {
        @Override
        Object body(Alert alert, Instant at) {
            return Map.of("text", "*tcbill: " + alert.title() + "*" + (alert.lines().isEmpty() ? ""
                    : "\n" + String.join("\n", alert.lines())));
        }
    },

    /** A Microsoft Teams (Office 365 connector) MessageCard; a Power Automate flow reads its {@code text} too. */
    TEAMS {
        @Override
        Object body(Alert alert, Instant at) {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("@type", "MessageCard");
            card.put("@context", "https://schema.org/extensions");
            card.put("summary", "tcbill: " + alert.title());
            card.put("themeColor", alert.kind() == Alert.Kind.MONTH_RESTATED ? "FFA500" : "D70000");
            card.put("title", "tcbill: " + alert.title());
            // Teams renders markdown: two spaces before a newline keep the lines apart
            card.put("text", String.join("  \n", alert.lines()));
            card.put("sections", List.of(Map.of("facts", facts(alert))));
            return card;
        }
    };

    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract Object body(Alert alert, Instant at);

    /** The JSON text posted for {@code alert}, stamped {@code at}. */
    String json(Alert alert, Instant at) {
        return JSON.writeValueAsString(body(alert, at));
    }

    private static List<Map<String, String>> facts(Alert alert) {
        List<Map<String, String>> facts = new java.util.ArrayList<>();
        facts.add(Map.of("name", "kind", "value", alert.kind().name()));
        if (alert.feed() != null) {
            facts.add(Map.of("name", "feed", "value", alert.feed()));
        }
        if (alert.month() != null) {
            facts.add(Map.of("name", "month", "value", alert.month().toString()));
        }
        return facts;
    }
}
