package com.rtcusage.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a ListUsages answer: its day entries, or an {@link ApiCallException} carrying what the
 * API said instead (whether that is worth a retry is {@code failure.Failures}' call). Tolerant of
 * what the API may do: entries in any order, fields it does not know, another
 * {@code ResponseMetadata.Version}; the same day twice counts once, as its last entry.
 */
@Component(FlowNames.ANSWER_READER)
public class AnswerReader {

    /** An answer longer than this is no ListUsages answer (30 days of one app are a few KiB). */
    public static final int MAX_ANSWER_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AnswerReader.class);

    private final Clock clock;

    public AnswerReader(Clock clock) {
        this.clock = clock;
    }

    /** The answer's day entries, each with the request, RequestId and arrival time of this answer. */
    public UsageAnswer read(@Body InputStream body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
            @ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request) throws IOException {
        Instant fetchedAt = clock.instant();
        byte[] bytes = body == null ? new byte[0] : readAtMost(body, MAX_ANSWER_BYTES + 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw new ApiCallException(request, status, ApiCallException.UNREADABLE,
                    "answer is larger than " + MAX_ANSWER_BYTES + " bytes", null, text);
        }
        JsonNode root = parse(text);
        JsonNode metadata = root.path("ResponseMetadata");
        String requestId = metadata.path("RequestId").textValue();
        JsonNode error = metadata.path("Error");

        if (error.isObject()) {
            throw new ApiCallException(request, status, error.path("Code").asText("Unknown"),
                    error.path("Message").textValue(), requestId, text);
        }
        JsonNode usages = root.path("Result").path("Usages");
        if (status == null || status != 200 || !usages.isArray()) {
            String problem = root.isMissingNode() ? "answer is not JSON"
                    : status != null && status != 200 ? "no error code in the answer" : "answer has no Result.Usages array";
            throw new ApiCallException(request, status, ApiCallException.UNREADABLE, problem, requestId, text);
        }
        return new UsageAnswer(requestId, lastEntryPerDay(usages, request, requestId, fetchedAt));
    }

    /** Entries in answer order, a repeated day at the place and with the figures of its last entry. */
    private static List<UsageEntry> lastEntryPerDay(JsonNode usages, UsageRequest request, String requestId, Instant fetchedAt) {
        Map<Object, UsageEntry> byDay = new LinkedHashMap<>();
        List<LocalDate> repeated = new ArrayList<>();
        for (JsonNode node : usages) {
            UsageEntry entry = new UsageEntry(request, requestId, fetchedAt, node);
            LocalDate day = entry.day();
            Object key = day == null ? new Object() : day;   // an entry without a day stays, to be dead-lettered
            if (byDay.remove(key) != null) {
                repeated.add(day);
            }
            byDay.put(key, entry);
        }
        if (!repeated.isEmpty()) {
            LOG.info("App {} of account {} (RequestId {}): the answer reports {} more than once; kept the last entry of each",
                    request.appId(), request.account(), requestId, repeated);
        }
        return List.copyOf(byDay.values());
    }

    private static byte[] readAtMost(InputStream body, int limit) throws IOException {
        try (body) {
            return body.readNBytes(limit);
        }
    }

    /** The answer's JSON object, or a missing node when it is none. */
    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode root = WireJson.MAPPER.readTree(body);
            return root != null && root.isObject() ? root : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
