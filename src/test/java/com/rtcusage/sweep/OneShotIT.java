package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * One-shot mode: one sweep during start-up, records acknowledged by Kafka before it returns, and
 * an exit code that says whether running again may help: 0 when every request was answered and
 * every reported day published (days the API did not report do not count against it), 11 when the
 * API refused a request for good, 10 when failures may clear.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
@ExtendWith(OutputCaptureExtension.class)
class OneShotIT {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));

    @Test
    void exitsWithZeroWhenEveryAppDayIsPublished(EmbeddedKafkaBroker broker, CapturedOutput output) {
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.one-shot=true",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=oneshot-ok.usage", "rtc-usage.kafka.dead-letter-topic=oneshot-ok.dead");

        int exitCode = SpringApplication.exit(service);

        assertThat(exitCode).isZero();
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-ok.usage")).hasSize(5 * 3);
        assertThat(output.getOut()).containsOnlyOnce("Sweep complete")
                .contains("apps 5 ok, 0 failed; records 15 published, 0 unchanged, 0 not reported; 0 dead letters");
    }

    @Test
    void daysTheApiDidNotReportDoNotFailTheRun(EmbeddedKafkaBroker broker, CapturedOutput output) {
        clock.set(Instant.parse("2026-11-25T23:00:00Z"));   // 07:00 in Beijing: today has no figures yet
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.one-shot=true",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=oneshot-early.usage", "rtc-usage.kafka.dead-letter-topic=oneshot-early.dead");

        int exitCode = SpringApplication.exit(service);

        assertThat(exitCode).isEqualTo(OneShotSweep.COMPLETE);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-early.usage")).hasSize(5 * 2)
                .noneMatch(record -> record.key().endsWith(":2026-11-26"));
        assertThat(output.getOut()).containsOnlyOnce("Sweep complete")
                .contains("apps 5 ok, 0 failed; records 10 published, 0 unchanged, 5 not reported; 0 dead letters")
                .contains("App demo-app-a1 of account demo-a (RequestId ")
                .contains("the API did not report 1 of 3 days: [2026-11-26]");
    }

    @Test
    void failuresThatMayClearExitWithTen(EmbeddedKafkaBroker broker, CapturedOutput output) {
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.one-shot=true",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=oneshot-slow.usage", "rtc-usage.kafka.dead-letter-topic=oneshot-slow.dead",
                "rtc-usage.api.read-timeout=300ms", "sandbox.latency=2s", "rtc-usage.retry.max-retries=1",
                "rtc-usage.accounts[0].name=solo",
                "rtc-usage.accounts[0].access-key-id=AKLToneshottest00000000000000001",
                "rtc-usage.accounts[0].secret-access-key=one-shot-secret",
                "rtc-usage.accounts[0].app-ids=slow-app");

        int exitCode = SpringApplication.exit(service);

        assertThat(exitCode).isEqualTo(OneShotSweep.TRANSIENT);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-slow.dead")).hasSize(1)
                .allMatch(letter -> letter.value().contains("\"errorCode\":\"Timeout\""));
        assertThat(output.getOut()).contains("Sweep INCOMPLETE", "apps 0 ok, 1 failed");
    }

    @Test
    void anAppTheApiRefusesExitsWithEleven(EmbeddedKafkaBroker broker, CapturedOutput output) {
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.one-shot=true",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=oneshot-bad.usage", "rtc-usage.kafka.dead-letter-topic=oneshot-bad.dead",
                "rtc-usage.accounts[0].name=solo",
                "rtc-usage.accounts[0].access-key-id=AKLToneshottest00000000000000001",
                "rtc-usage.accounts[0].secret-access-key=one-shot-secret",
                "rtc-usage.accounts[0].app-ids=real-app,retired-app",
                "sandbox.accounts[0].access-key-id=AKLToneshottest00000000000000001",
                "sandbox.accounts[0].secret-access-key=one-shot-secret",
                "sandbox.accounts[0].app-ids=real-app");

        int exitCode = SpringApplication.exit(service);

        assertThat(exitCode).isEqualTo(OneShotSweep.REJECTED);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-bad.usage")).hasSize(3);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-bad.dead")).hasSize(1);
        assertThat(output.getOut()).contains(
                "Sweep INCOMPLETE", "apps 1 ok, 1 failed; records 3 published, 0 unchanged, 0 not reported; 1 dead letters");
    }

    /** Kafka names an error that waiting cannot cure, though it is on no list of the service's: exit 12, not a wait without end. */
    @Test
    void aReplicationFactorAboveTheBrokersExitsWithTwelve(EmbeddedKafkaBroker broker, CapturedOutput output) {
        long started = System.nanoTime();
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.one-shot=true",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(), "rtc-usage.window.days=3",
                "rtc-usage.kafka.replication-factor=3",
                "rtc-usage.kafka.topic=oneshot-factor.usage", "rtc-usage.kafka.dead-letter-topic=oneshot-factor.dead");

        int exitCode = SpringApplication.exit(service);

        assertThat(exitCode).isEqualTo(OneShotSweep.KAFKA_REFUSED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(output.getOut()).contains("Kafka refused topic oneshot-factor.", "(InvalidReplicationFactor)");
    }
}
