package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.failure.Failures;
import com.rtcusage.failure.KafkaUnavailableException;
import com.rtcusage.stop.SweepGate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** How long an unreachable Kafka is waited for: one-shot up to its limit, then a stopped sweep; service mode for ever. */
@ExtendWith(OutputCaptureExtension.class)
class KafkaWaitTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String BROKERS = "kafka-1:9093,kafka-2:9093";
    private static final DefaultCamelContext CAMEL = ReadBackBench.camelWithKafka(BROKERS);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SweepGate gate = new SweepGate();

    @Test
    void anOutageIsWaitedOutOnlyOnceItLastedLongerThanTheLimit() {
        assertThat(KafkaWait.waitedOut(KafkaWait.NONE, Long.MAX_VALUE, WAIT)).isFalse();
        assertThat(KafkaWait.waitedOut(0, WAIT.toNanos(), WAIT)).isFalse();
        assertThat(KafkaWait.waitedOut(0, WAIT.toNanos() + 1, WAIT)).isTrue();
        assertThat(KafkaWait.waitedOut(0, Long.MAX_VALUE, null)).as("no limit").isFalse();
    }

    @Test
    void oneShotWaitsFromTheFirstFailureUntilTheLimitThenStopsTheSweepWithOneErrorLine(CapturedOutput output) {
        KafkaWait wait = oneShot();

        assertThat(wait.keepsWaiting(unreachable())).isTrue();
        now.addAndGet(WAIT.toNanos());
        assertThat(wait.keepsWaiting(unreachable())).isTrue();
        now.addAndGet(1);
        assertThat(wait.keepsWaiting(unreachable())).isFalse();

        wait.gaveUp(unreachable());
        wait.gaveUp(unreachable());   // every exchange still waiting gives up too

        assertThat(gate.closedFor()).contains(SweepGate.Reason.KAFKA_UNREACHABLE);
        assertThat(output.getOut().lines().filter(line -> line.contains("ERROR"))).singleElement().asString()
                .contains("Kafka at " + BROKERS + " unreachable for longer than rtc-usage.kafka.one-shot-wait (PT5M)");
    }

    @Test
    void kafkaAnsweringEndsTheOutage() {
        KafkaWait wait = oneShot();
        wait.keepsWaiting(unreachable());
        now.addAndGet(WAIT.toNanos() - 1);

        wait.answered();
        now.addAndGet(WAIT.toNanos());

        assertThat(wait.keepsWaiting(unreachable())).as("a new outage, just begun").isTrue();
    }

    @Test
    void serviceModeWaitsWithoutEnd() {
        KafkaWait wait = new KafkaWait(new Failures(), gate, new KafkaClients(CAMEL), null, now::get);

        assertThat(wait.keepsWaiting(unreachable())).isTrue();
        now.addAndGet(Duration.ofDays(2).toNanos());
        assertThat(wait.keepsWaiting(unreachable())).isTrue();
        // Camel stops redelivering only when it shuts down: the exchange fails on, the gate is not touched.
        assertThatThrownBy(() -> wait.gaveUp(unreachable())).isInstanceOf(KafkaUnavailableException.class);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void aRefusalIsNotWaitedFor() {
        Exchange refused = new DefaultExchange(CAMEL);
        refused.setException(new TopicAuthorizationException("denied"));

        assertThat(oneShot().keepsWaiting(refused)).isFalse();
    }

    /** The jar ships a five-minute wait: the configuration metadata generated from RtcUsageProperties says so. */
    @Test
    void theShippedWaitIsFiveMinutes() throws IOException {
        JsonNode metadata = new ObjectMapper().readTree(Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
        JsonNode property = null;
        for (JsonNode candidate : metadata.path("properties")) {
            if (candidate.path("name").asText().equals("rtc-usage.kafka.one-shot-wait")) {
                property = candidate;
            }
        }
        assertThat(property).as("rtc-usage.kafka.one-shot-wait in the metadata").isNotNull();
        assertThat(Duration.parse("PT" + property.path("defaultValue").asText().toUpperCase())).isEqualTo(WAIT);
    }

    private KafkaWait oneShot() {
        return new KafkaWait(new Failures(), gate, new KafkaClients(CAMEL), WAIT, now::get);
    }

    private static Exchange unreachable() {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setException(new TimeoutException("Expiring 1 record(s) for rtc.usage.daily-0: 120000 ms has passed"));
        return exchange;
    }
}
