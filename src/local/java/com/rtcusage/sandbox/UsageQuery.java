package com.rtcusage.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A ListUsages body, parsed as strictly as the real API: all three fields, RFC 3339 times with an offset. */
record UsageQuery(String appId, OffsetDateTime startTime, OffsetDateTime endTime) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static UsageQuery parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.INVALID_PARAMETER.because("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.INVALID_PARAMETER.because("The request body must be a JSON object with AppId, StartTime and EndTime.");
        }
        return new UsageQuery(text(root, "AppId"), time(root, "StartTime"), time(root, "EndTime"));
    }

    /** The body's fields as sent, for the request log, whatever else is wrong with the request. */
    record Peek(String appId, String startTime, String endTime) {
        static final Peek NOTHING = new Peek(null, null, null);
    }

    /** What the request log keeps of {@code body}: AppId, StartTime, EndTime as sent; null for any not a string. */
    static Peek peek(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root == null || !root.isObject() ? Peek.NOTHING
                    : new Peek(textOrNull(root, "AppId"), textOrNull(root, "StartTime"), textOrNull(root, "EndTime"));
        } catch (IOException | RuntimeException unreadable) {
            return Peek.NOTHING;
        }
    }

    private static String textOrNull(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.INVALID_PARAMETER.because("The parameter " + field + " is missing or not a non-empty string.");
        }
        return value.asText();
    }

    private static OffsetDateTime time(JsonNode root, String field) {
        String value = text(root, field);
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw ApiError.INVALID_TIME.because("The parameter " + field + " [" + value
                    + "] is not an RFC 3339 time with offset, e.g. 2026-11-01T00:00:00+08:00.");
        }
    }
}
