package io.tcbill.simulator;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The JSON parameters of one action call, checked against the action's parameter list: unknown names answer
 * {@code UnknownParameter}, absent required ones {@code MissingParameter}, values of the wrong type or outside an
 * enumeration the action's own invalid-value code.
 */
final class RequestParams {

    private final JsonNode body;
    private final String invalidValueCode;

    /**
     * @param known            every parameter the action accepts
     * @param invalidValueCode what this action answers for a bad value ({@code InvalidParameter} or
     *                         {@code InvalidParameterValue}, per the action's documented error list)
     */
    RequestParams(JsonNode body, Set<String> known, String invalidValueCode) {
        this.body = body;
        this.invalidValueCode = invalidValueCode;
        for (String name : body.propertyNames()) {
            if (!known.contains(name)) {
                throw ApiError.unknownParameter(name);
            }
        }
    }

    boolean has(String name) {
        JsonNode value = body.get(name);
        return value != null && !value.isNull();
    }

    String requiredString(String name) {
        if (!has(name)) {
            throw ApiError.missingParameter(name);
        }
        JsonNode value = body.get(name);
        if (!value.isString()) {
            throw invalid(name, "must be a string");
        }
        return value.stringValue();
    }

    String requiredEnum(String name, Set<String> allowed) {
        String value = requiredString(name);
        if (!allowed.contains(value)) {
            throw invalid(name, "must be one of " + allowed + ", was `" + value + "`");
        }
        return value;
    }

    /** An optional enumerated value, or {@code fallback} when absent. */
    String optionalEnum(String name, Set<String> allowed, String fallback) {
        return has(name) ? requiredEnum(name, allowed) : fallback;
    }

    long requiredLong(String name) {
        if (!has(name)) {
            throw ApiError.missingParameter(name);
        }
        JsonNode value = body.get(name);
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isString() && value.stringValue().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.stringValue());
        }
        throw invalid(name, "must be an integer");
    }

    Long optionalLong(String name) {
        return has(name) ? requiredLong(name) : null;
    }

    ApiError invalid(String name, String why) {
        return new ApiError(invalidValueCode, "The value of parameter `" + name + "` is invalid: " + why + ".");
    }
}
