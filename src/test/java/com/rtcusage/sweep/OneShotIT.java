package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
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
 * an exit code of 0 only when every planned app-day is published and nothing was dead-lettered.
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
                .contains("apps 5 ok, 0 failed; records 15 published, 0 unchanged, 15 of 15 app-days; 0 dead letters");
    }

    @Test
    void exitsNonZeroWithASummaryWhenAnAppFailed(EmbeddedKafkaBroker broker, CapturedOutput output) {
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

        assertThat(exitCode).isEqualTo(1);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-bad.usage")).hasSize(3);
        assertThat(TopicReader.readAll(broker.getBrokersAsString(), "oneshot-bad.dead")).hasSize(1);
        assertThat(output.getOut()).contains(
                "Sweep INCOMPLETE", "apps 1 ok, 1 failed; records 3 published, 0 unchanged, 3 of 6 app-days; 1 dead letters");
    }
}
