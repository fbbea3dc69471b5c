package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.RecordSchemas;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What never succeeds by asking again (a wrong secret, an unknown app) is dead-lettered at once,
 * with the API's code, message, RequestId and raw body; the other apps of the sweep go on.
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=dead.usage", "rtc-usage.kafka.dead-letter-topic=dead.dead", "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=good",
        "rtc-usage.accounts[0].access-key-id=AKLTdeadlettertest000000000000001",
        "rtc-usage.accounts[0].secret-access-key=right-secret",
        "rtc-usage.accounts[0].app-ids=known-1,unknown-app,known-2",
        "rtc-usage.accounts[1].name=stale-key",
        "rtc-usage.accounts[1].access-key-id=AKLTdeadlettertest000000000000002",
        "rtc-usage.accounts[1].secret-access-key=rotated-away-secret",
        "rtc-usage.accounts[1].app-ids=stale-app",
        // The sandbox (Volcengine) knows account 2 with its new secret, and never heard of unknown-app.
        "sandbox.accounts[0].access-key-id=AKLTdeadlettertest000000000000001",
        "sandbox.accounts[0].secret-access-key=right-secret",
        "sandbox.accounts[0].app-ids=known-1,known-2",
        "sandbox.accounts[1].access-key-id=AKLTdeadlettertest000000000000002",
        "sandbox.accounts[1].secret-access-key=the-new-secret",
        "sandbox.accounts[1].app-ids=stale-app"})
class DeadLetterIT {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void deadLettersWhatCannotSucceedAtOnceAndPublishesTheRest() throws Exception {
        sandbox.faults(SandboxFaults.none().withExtraDayOutsideWindow(true));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.isComplete()).isFalse();
        assertThat(summary.appsFailed()).isEqualTo(2);
        assertThat(summary.published()).isEqualTo(2 * 2);

        // The day before the window, which the sandbox added, is not published.
        assertThat(TopicReader.readAll(brokers, "dead.usage")).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("known-1:2026-11-25", "known-1:2026-11-26", "known-2:2026-11-25", "known-2:2026-11-26");

        Map<String, RecordedRequest> requests = sandbox.requests().stream()
                .collect(Collectors.toMap(RecordedRequest::appId, request -> request));
        assertThat(sandbox.requests()).hasSize(4); // nothing retried

        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(brokers, "dead.dead");
        deadLetters.forEach(record -> RecordSchemas.assertValid(RecordSchemas.DEAD_LETTER, record.value()));
        Map<String, JsonNode> letters = deadLetters.stream()
                .collect(Collectors.toMap(ConsumerRecord::key, record -> Json.parse(record.value())));
        assertThat(letters).containsOnlyKeys("unknown-app", "stale-app");

        JsonNode unknown = letters.get("unknown-app");
        assertThat(unknown.get("account").asText()).isEqualTo("good");
        assertThat(unknown.get("appId").asText()).isEqualTo("unknown-app");
        assertThat(unknown.get("window").get("start").asText()).isEqualTo("2026-11-25T00:00:00+08:00");
        assertThat(unknown.get("window").get("end").asText()).isEqualTo("2026-11-27T00:00:00+08:00");
        assertThat(unknown.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(unknown.get("errorCode").asText()).isEqualTo("InvalidParameter.NotExistAppId");
        assertThat(unknown.get("errorMessage").asText()).contains("unknown-app");
        assertThat(unknown.get("requestId").asText()).isEqualTo(requests.get("unknown-app").requestId());
        assertThat(unknown.get("attempts").asInt()).isEqualTo(1);
        assertThat(unknown.get("failedAt").asText()).isEqualTo("2026-11-26T03:00:00.000Z");
        assertThat(Json.parse(unknown.get("body").asText()).at("/ResponseMetadata/Error/Code").asText())
                .isEqualTo("InvalidParameter.NotExistAppId");

        JsonNode stale = letters.get("stale-app");
        assertThat(stale.get("account").asText()).isEqualTo("stale-key");
        assertThat(stale.get("httpStatus").asInt()).isEqualTo(401);
        assertThat(stale.get("errorCode").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(stale.get("attempts").asInt()).isEqualTo(1);
        assertThat(stale.toString()).doesNotContain("rotated-away-secret", "the-new-secret", "Signature=");
    }
}
