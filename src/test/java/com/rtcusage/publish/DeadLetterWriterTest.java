package com.rtcusage.publish;

import org.apache.camel.support.DefaultExchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.Exchange;
import com.rtcusage.failure.Failures;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UnprocessableEntryException;
import com.rtcusage.usage.UsageEntry;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import com.rtcusage.usage.WindowPlanner;
import com.rtcusage.wire.WireJson;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.kafka.KafkaConstants;
import org.junit.jupiter.api.Test;

/** A dead letter names the failure the way the API did, or by its local reason, with the raw answer. */
class DeadLetterWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T03:00:01.500Z");
    private static final UsageRequest REQUEST = new UsageRequest("prod", "661e543cf");
    private static final UsageWindow WINDOW = WindowPlanner.plan(NOW, 30);
    private final DeadLetterWriter writer = new DeadLetterWriter(null, new Failures(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anApiRefusalCarriesItsCodeRequestIdAndBody() throws Exception {
        ApiCallException refused = new ApiCallException(REQUEST, 400, "InvalidParameter.NotExistAppId", "no app", "r-9", "{\"x\":1}");
        Map<String, Object> headers = new HashMap<>();
        JsonNode letter = WireJson.MAPPER.readTree(write(new RuntimeCamelException(refused), 1, headers));

        assertThat(headers).containsEntry(KafkaConstants.KEY, "661e543cf");
        assertThat(letter.toString()).isEqualTo("""
                {"account":"prod","appId":"661e543cf","window":{"start":"2026-10-28T00:00:00+08:00","end":"2026-11-27T00:00:00+08:00"},\
                "httpStatus":400,"errorCode":"InvalidParameter.NotExistAppId","errorMessage":"no app","requestId":"r-9",\
                "attempts":1,"failedAt":"2026-11-26T03:00:01.500Z","body":"{\\"x\\":1}"}""");
    }

    @Test
    void noAnswerIsNamedByItsLocalReasonAndCountsItsAttempts() throws Exception {
        JsonNode letter = WireJson.MAPPER.readTree(
                write(new SocketTimeoutException("Read timed out"), 5, new HashMap<>()));

        assertThat(letter.get("errorCode").asText()).isEqualTo("Timeout");
        assertThat(letter.get("httpStatus").isNull()).isTrue();
        assertThat(letter.get("body").isNull()).isTrue();
        assertThat(letter.get("attempts").asInt()).isEqualTo(5);
    }

    @Test
    void anUnprocessableDayCarriesTheEntryItself() throws Exception {
        UsageEntry entry = new UsageEntry(REQUEST, "r-3", NOW, WireJson.MAPPER.readTree("{\"Audio\":-1}"));
        JsonNode letter = WireJson.MAPPER.readTree(
                write(new UnprocessableEntryException(entry, "has Audio = -1"), 1, new HashMap<>()));

        assertThat(letter.get("errorCode").asText()).isEqualTo("UnprocessableEntry");
        assertThat(letter.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(letter.get("requestId").asText()).isEqualTo("r-3");
        assertThat(letter.get("body").asText()).isEqualTo("{\"Audio\":-1}");
    }

    @Test
    void aLargeBodyIsCutToItsFirst64KibWithoutSplittingACharacter() throws Exception {
        String body = "é".repeat(40_000);   // 80,000 bytes of UTF-8, two per character
        ApiCallException huge = new ApiCallException(REQUEST, 200, "UnreadableResponse", "too large", null, body);
        JsonNode letter = WireJson.MAPPER.readTree(write(huge, 5, new HashMap<>()));

        String kept = letter.get("body").asText();
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(DeadLetterWriter.MAX_BODY_BYTES);
        assertThat(body).startsWith(kept);
        assertThat(DeadLetterWriter.firstBytes("a" + "é".repeat(40_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(DeadLetterWriter.MAX_BODY_BYTES - 1);
    }

    @Test
    void anUnprocessableDayOfAnyLengthIsCutToItsFirst64Kib() throws Exception {
        String note = "x".repeat(200_000);
        UsageEntry entry = new UsageEntry(REQUEST, "r-4", NOW, WireJson.MAPPER.readTree("{\"Audio\":-1,\"Note\":\"" + note + "\"}"));
        JsonNode letter = WireJson.MAPPER.readTree(
                write(new UnprocessableEntryException(entry, "has Audio = -1"), 1, new HashMap<>()));

        String kept = letter.get("body").asText();
        assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(DeadLetterWriter.MAX_BODY_BYTES);
        assertThat(kept).startsWith("{\"Audio\":-1,\"Note\":\"xxx");
    }

    /** Writes the dead letter of an exchange that caught {@code failure}. */
    private String write(Throwable failure, int attempts, Map<String, Object> headers) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return writer.write(REQUEST, WINDOW, failure, attempts, headers, exchange);
    }
}
