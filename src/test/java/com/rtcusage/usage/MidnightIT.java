package com.rtcusage.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A sweep that runs across Beijing midnight against a sandbox that counts the 30-day look-back
 * from each request's arrival: its first two requests (they leave together) are throttled just
 * before midnight and retried after it, so both the sweep and its retries cross midnight. Every attempt plans its own window, so
 * nothing is refused, and every app-day of the new window that the API reports is published.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
class MidnightIT {

    private static final Instant BEIJING_MIDNIGHT = Instant.parse("2026-11-26T16:00:00Z");   // 2026-11-27T00:00+08:00
    private static final List<String> APPS = List.of("m1", "m2", "m3", "m4");

    @Test
    void aSweepAndARetryAcrossBeijingMidnightAskForTheNewDaysWindowAndNothingIsRefused(EmbeddedKafkaBroker broker) throws Exception {
        MovableClock clock = new MovableClock(BEIJING_MIDNIGHT.minus(Duration.ofSeconds(1)));
        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.schedule.run-on-startup=false",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.kafka.topic=midnight.usage", "rtc-usage.kafka.dead-letter-topic=midnight.dead",
                "rtc-usage.accounts[0].name=night",
                "rtc-usage.accounts[0].access-key-id=AKLTmidnighttest000000000000001",
                "rtc-usage.accounts[0].secret-access-key=midnight-secret",
                "rtc-usage.accounts[0].app-ids=" + String.join(",", APPS));
        try {
            UsageSandbox sandbox = service.getBean(UsageSandbox.class);
            sandbox.faults(SandboxFaults.none().withThrottleNext(2));

            // The clock stands a second before midnight until the first pair was throttled, however long
            // the sweep took to start; the next departure is at least 1.08 s after them, after midnight.
            CompletableFuture<SweepSummary> sweep = CompletableFuture.supplyAsync(() -> LocalService.sweep(service));
            await("the first pair throttled").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> sandbox.requests().size() >= 2);
            clock.set(BEIJING_MIDNIGHT.plus(Duration.ofSeconds(1)));
            SweepSummary summary = sweep.get(120, TimeUnit.SECONDS);

            List<RecordedRequest> requests = sandbox.requests();
            assertThat(requests).noneMatch(request -> request.status() == 400);
            List<RecordedRequest> throttled = requests.subList(0, 2);
            List<RecordedRequest> answered = requests.subList(2, requests.size());
            assertThat(throttled).as("the first two requests, throttled").allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(429);
                assertThat(request.receivedAt()).isBefore(BEIJING_MIDNIGHT);
            });
            assertThat(answered).extracting(RecordedRequest::appId).as("their retries and the other apps")
                    .containsExactlyInAnyOrderElementsOf(APPS);
            assertThat(answered).allSatisfy(request -> {
                assertThat(request.status()).isEqualTo(200);
                assertThat(request.receivedAt()).isAfter(BEIJING_MIDNIGHT);
                assertThat(request.endTime()).as("the new day's window").isEqualTo("2026-11-28T00:00:00+08:00");
                assertThat(OffsetDateTime.parse(request.startTime()).toInstant())
                        .isAfterOrEqualTo(request.receivedAt().minus(Duration.ofDays(30)));
            });

            assertThat(summary.isComplete()).as(summary.line()).isTrue();
            assertThat(OneShotSweep.exitCode(summary)).isEqualTo(OneShotSweep.COMPLETE);
            // the new day has no figures before 08:00: not reported, and no failure
            assertThat(summary.notReported()).isEqualTo(APPS.size());

            Set<String> keys = TopicReader.readAll(broker.getBrokersAsString(), "midnight.usage").stream()
                    .map(ConsumerRecord::key).collect(Collectors.toSet());
            for (String app : APPS) {
                for (LocalDate day = LocalDate.parse("2026-10-29"); day.isBefore(LocalDate.parse("2026-11-27")); day = day.plusDays(1)) {
                    assertThat(keys).contains(app + ":" + day);
                }
            }
            assertThat(keys).hasSize(APPS.size() * 29);
        } finally {
            service.close();
        }
    }
}
