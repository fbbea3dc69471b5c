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

    /** The body's AppId for the request log, whatever else is wrong with the request; null if none. */
    static String peekAppId(byte[] body) {
        try {
            JsonNode appId = JSON.readTree(body).get("AppId");
            return appId != null && appId.isTextual() ? appId.asText() : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
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
