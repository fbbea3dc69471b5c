package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.support.FixedTime;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.RunningClock;
import com.rtcusage.support.SuiteClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.SweepSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Issue 14: the service killed with SIGKILL in the middle of its start-up sweep (a JVM of its own,
 * no shutdown hook runs), then started again: every app-day of the window arrives, and no key
 * carries the same content twice. Both lives run on one clock from 11:00 in Beijing, so every day
 * of the window has figures whatever the hour.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class KillRestartIT {

    private static final int APPS = 20;
    private static final int DAYS = 3;
    private static final String KEY_ID = "AKLTkillrestarttest0000000000001";
    private static final String SECRET = "kill-restart-test-secret";

    @Test
    void aServiceKilledMidSweepLosesAndDoublesNothingOnceRestarted(EmbeddedKafkaBroker broker) throws Exception {
        String apps = IntStream.rangeClosed(1, APPS).mapToObj(n -> "app-" + n).collect(Collectors.joining(","));
        List<String> settings = List.of("camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.kafka.topic=kill.usage", "rtc-usage.kafka.dead-letter-topic=kill.dead",
                "rtc-usage.window.days=" + DAYS, "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
                "rtc-usage.accounts[0].name=killed", "rtc-usage.accounts[0].access-key-id=" + KEY_ID,
                "rtc-usage.accounts[0].secret-access-key=" + SECRET, "rtc-usage.accounts[0].app-ids=" + apps,
                "sandbox.accounts[0].access-key-id=" + KEY_ID, "sandbox.accounts[0].secret-access-key=" + SECRET,
                "sandbox.accounts[0].app-ids=" + apps, "sandbox.latency=300ms");

        RunningClock clock = new RunningClock(FixedTime.START);
        Process service = launch(settings, clock);
        try {
            await("the first records of the start-up sweep").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> TopicReader.readAll(broker.getBrokersAsString(), "kill.usage").size() >= 3 * DAYS);
        } finally {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int beforeKill = TopicReader.readAll(broker.getBrokersAsString(), "kill.usage").size();
        assertThat(beforeKill).as("killed in the middle of the sweep").isLessThan(APPS * DAYS);

        List<String> again = new ArrayList<>(settings);
        again.add("rtc-usage.schedule.run-on-startup=false");
        try (ConfigurableApplicationContext restarted = LocalService.start(clock, again.toArray(String[]::new))) {
            SweepSummary summary = LocalService.sweep(restarted);
            assertThat(summary.isComplete()).as(summary.line()).isTrue();
        }

        List<ConsumerRecord<String, String>> records = TopicReader.readAll(broker.getBrokersAsString(), "kill.usage");
        Map<String, List<String>> contentIdsByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(record -> new String(record.headers().lastHeader(RecordWriter.CE_ID).value(),
                        StandardCharsets.UTF_8), Collectors.toList())));
        assertThat(contentIdsByKey).as("every app-day").hasSize(APPS * DAYS);
        assertThat(contentIdsByKey).allSatisfy((key, ids) -> assertThat(ids).as("content ids of " + key).doesNotHaveDuplicates());
    }

    /** The service in profile local in a JVM of its own, from the test class path, sweeping at start-up. */
    private static Process launch(List<String> settings, Clock clock) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-D" + SuiteClock.PROPERTY + "=" + clock.instant(),
                "-cp", System.getProperty("java.class.path"), LocalService.class.getName(),
                "--spring.profiles.active=local", "--camel.main.routes-include-pattern=file:routes/*.camel.yaml",
                "--rtc-usage.schedule.run-on-startup=true", "--server.port=0", "--management.server.port=-1"));
        settings.forEach(setting -> command.add("--" + setting));
        Path log = Files.createTempFile("kill-restart-", ".log");
        log.toFile().deleteOnExit();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
