package io.tcbill.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scratch copy of a JSON feed's raw NDJSON file that DuckDB reads. DuckDB's JSON reader turns every JSON number
 * with a fraction or an exponent into a double ({@code 12345678901234.12345678} became {@code 12345678901234.123}), so
 * the copy carries each such number, and each integer beyond int64, as a JSON string of the exact text the API sent;
 * an amount is then cast to DECIMAL from its own digits. Each answer gets its line in the raw file ({@value #LINE}) for
 * messages. Malformed JSON, a duplicate key, or a line that is not an answer (an object with a string {@code action},
 * a positive integer {@code customer_uin} or null, a {@code response} object) fails naming the file and line. The raw
 * file is only read: the raw zone keeps the answers verbatim.
 */
final class AnswerCopy {

    /** The field holding an answer's line in the raw file; never shown in messages as such. */
    static final String LINE = "_line";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int BUFFER = 1 << 16;

    private final JsonParser parser;
    private final JsonGenerator generator;
    private final String sourceKey;
    private int depth;
    private int line;
    private boolean action;
    private boolean response;

    private AnswerCopy(JsonParser parser, JsonGenerator generator, String sourceKey) {
        this.parser = parser;
        this.generator = generator;
        this.sourceKey = sourceKey;
    }

    /** Writes the copy of {@code raw} to {@code copy}; {@code sourceKey} names the raw file in messages. */
    static void write(Path raw, Path copy, String sourceKey) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(raw), BUFFER);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(copy), BUFFER);
             JsonParser parser = JSON.createParser(in);
             JsonGenerator generator = JSON.createGenerator(out)) {
            new AnswerCopy(parser, generator, sourceKey).copy();
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw new RawFileException("file " + sourceKey + (at == null ? "" : " line " + at.getLineNr() + " column "
                    + at.getColumnNr()) + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the answers of " + sourceKey + " for loading", e);
        }
    }

    private void copy() throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (depth == 0) {
                startAnswer(token);
            } else if (depth == 1 && token == JsonToken.PROPERTY_NAME) {
                answerField(parser.currentName());
            } else {
                copyValue(token);
            }
        }
    }

    private void startAnswer(JsonToken token) {
        line = parser.currentTokenLocation().getLineNr();
        if (token != JsonToken.START_OBJECT) {
            throw notAnAnswer("it is " + kind(token) + ", not a JSON object");
        }
        action = false;
        response = false;
        depth = 1;
        generator.writeStartObject();
        generator.writeName(LINE);
        generator.writeNumber(line);
    }

    /** A top-level field of an answer: the envelope is checked, the rest copied. */
    private void answerField(String name) {
        JsonToken value = parser.nextToken();
        switch (name) {
            case LINE -> {
                parser.skipChildren();
                return;
            }
            case "action" -> {
                require(value == JsonToken.VALUE_STRING, "its action is not a string");
                action = true;
            }
            case "customer_uin" -> require(value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER && parser.getLongValue() > 0,
                    "its customer_uin is not a positive integer");
            case "response" -> {
                require(value == JsonToken.START_OBJECT, "its response is not a JSON object");
                response = true;
            }
            case "request" -> require(value == JsonToken.START_OBJECT || value == JsonToken.VALUE_NULL,
                    "its request is not a JSON object");
            default -> {
            }
        }
        generator.writeName(name);
        copyValue(value);
    }

    private void copyValue(JsonToken token) {
        switch (token) {
            case VALUE_NUMBER_FLOAT -> generator.writeString(parser.getString());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    generator.writeString(parser.getString());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
            case START_OBJECT, START_ARRAY -> {
                depth++;
                generator.copyCurrentEvent(parser);
            }
            case END_OBJECT, END_ARRAY -> {
                depth--;
                generator.copyCurrentEvent(parser);
                if (depth == 0) {
                    endAnswer();
                }
            }
            default -> generator.copyCurrentEvent(parser);
        }
    }

    private void endAnswer() {
        require(action, "it has no action");
        require(response, "it has no response object");
        generator.writeRaw('\n');
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }

    private void require(boolean condition, String otherwise) {
        if (!condition) {
            throw notAnAnswer(otherwise);
        }
    }

    private RawFileException notAnAnswer(String why) {
        return new RawFileException("file " + sourceKey + " line " + line + " is not an API answer: " + why);
    }
}
