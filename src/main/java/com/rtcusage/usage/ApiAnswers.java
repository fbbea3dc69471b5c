package com.rtcusage.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads a ListUsages answer and decides what it means: figures to publish, a failure worth
 * retrying (429, 5xx, unreadable), or a rejection that asking again will not change.
 */
@Component("apiAnswers")
public class ApiAnswers {

    private final ObjectMapper mapper;
    private final Clock clock;

    public ApiAnswers(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The answer's day entries, or an {@link ApiCallException} saying why there are none. */
    public UsageAnswer read(@Body String body, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
            @ExchangeProperty("usageRequest") UsageRequest request) {
        Instant fetchedAt = clock.instant();
        JsonNode root = parse(body);
        JsonNode metadata = root == null ? null : root.path("ResponseMetadata");
        String requestId = metadata == null ? null : metadata.path("RequestId").textValue();
        JsonNode error = metadata == null ? null : metadata.get("Error");

        if (error != null && !error.isNull()) {
            String code = error.path("Code").asText("Unknown");
            String message = error.path("Message").textValue();
            if (isRetryable(status, code)) {
                throw new RetryableApiException(request, status, code, message, requestId, body);
            }
            throw new RejectedApiException(request, status, code, message, requestId, body);
        }
        JsonNode usages = root == null ? null : root.path("Result").get("Usages");
        if (status == null || status != 200 || usages == null || !usages.isArray()) {
            if (status != null && status >= 400 && status < 500 && status != 429) {
                throw new RejectedApiException(request, status, "UnreadableResponse", "no error code in the answer", requestId, body);
            }
            throw new RetryableApiException(request, status, "UnreadableResponse",
                    root == null ? "answer is not JSON" : "answer has no Result.Usages array", requestId, body);
        }
        List<UsageEntry> entries = new ArrayList<>(usages.size());
        usages.forEach(entry -> entries.add(new UsageEntry(request, requestId, fetchedAt, entry)));
        return new UsageAnswer(entries);
    }

    private static boolean isRetryable(Integer status, String code) {
        return ApiCallException.isThrottled(status, code) || ApiCallException.isServerError(status, code);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
