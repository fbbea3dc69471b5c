package com.rtcusage;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.signing.ListUsagesSigner;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.WindowPlanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A sweep with DEBUG logging everywhere (only the in-process broker, test scaffolding, stays at
 * INFO), including retries and a dead letter: no secret key, no signature and no Authorization
 * value appears in the output or in any record of either topic.
 */
@PipelineTest
@Import(FixedTime.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(locations = "classpath:leak-canary.properties", properties = {
        "rtc-usage.kafka.topic=secrets.usage", "rtc-usage.kafka.dead-letter-topic=secrets.dead", "rtc-usage.window.days=2",
        "logging.level.root=DEBUG",
        "logging.level.kafka=INFO", "logging.level.org.apache.kafka.server=INFO",
        "logging.level.org.apache.kafka.controller=INFO", "logging.level.org.apache.kafka.raft=INFO",
        "logging.level.org.apache.kafka.storage=INFO", "logging.level.org.apache.kafka.metadata=INFO",
        "logging.level.org.apache.kafka.image=INFO", "logging.level.org.apache.kafka.coordinator=INFO"})
class SecretsIT {

    private static final String SECRET = "Sup3r-Secret-Value-That-Must-Not-Leak";
    private static final String TOKEN = "Session-Token-That-Must-Not-Leak";

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    ListUsagesSigner signer;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void noSecretSignatureOrAuthorizationValueLeaves(CapturedOutput output) {
        sandbox.faults(SandboxFaults.none().withFailEveryNth(2));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.deadLetters()).isEqualTo(1);
        List<String> forbidden = new ArrayList<>(List.of(SECRET, TOKEN, "HMAC-SHA256 Credential=", "Signature="));
        forbidden.addAll(signaturesSent("watched-app"));
        forbidden.addAll(signaturesSent("gone-app"));

        assertThat(output.getAll()).contains("Sweep INCOMPLETE").doesNotContain(forbidden);
        for (String topic : List.of("secrets.usage", "secrets.dead")) {
            for (ConsumerRecord<String, String> record : TopicReader.readAll(brokers, topic)) {
                StringBuilder everything = new StringBuilder(record.key()).append(record.value());
                for (Header header : record.headers()) {
                    everything.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
                }
                assertThat(everything.toString()).doesNotContain(forbidden).doesNotContainIgnoringCase("authorization");
            }
        }
    }

    /** The signature the service put on this app's request: time is fixed, so signing again reproduces it. */
    private List<String> signaturesSent(String appId) {
        Map<String, Object> headers = new HashMap<>();
        signer.sign(new UsageRequest("watched", appId), WindowPlanner.plan(FixedTime.START, 2), null, headers);
        String authorization = (String) headers.get("Authorization");
        return List.of(authorization, authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
    }
}
