package com.rtcusage.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Issue 14, SIGTERM during a sweep: Spring closes the context (as its shutdown hook does on
 * SIGTERM) after the 10th of 120 requests; no new request leaves, what was answered is published,
 * and the close returns within 30 s although about a minute of the sweep is left. A restart then
 * completes the window, publishing no app-day twice.
 */
@EmbeddedKafka(kraft = true, partitions = 2)
class ShutdownDuringSweepIT {

    private static final int APPS = 120;
    private static final int DAYS = 3;
    private static final String KEY_ID = "AKLTshutdowntest0000000000000001";
    private static final String SECRET = "shutdown-test-secret";

    @Test
    void aSweepStopsAtItsNextRequestOnShutdownAndARestartCompletesIt(EmbeddedKafkaBroker broker) throws Exception {
        String apps = IntStream.rangeClosed(1, APPS).mapToObj(n -> "app-" + n).collect(Collectors.joining(","));
        String[] settings = {"camel.component.kafka.brokers=" + broker.getBrokersAsString(),
                "rtc-usage.kafka.topic=shutdown.usage", "rtc-usage.kafka.dead-letter-topic=shutdown.dead",
                "rtc-usage.window.days=" + DAYS, "rtc-usage.schedule.run-on-startup=false",
                "rtc-usage.accounts[0].name=many", "rtc-usage.accounts[0].access-key-id=" + KEY_ID,
                "rtc-usage.accounts[0].secret-access-key=" + SECRET, "rtc-usage.accounts[0].app-ids=" + apps,
                "sandbox.accounts[0].access-key-id=" + KEY_ID, "sandbox.accounts[0].secret-access-key=" + SECRET,
                "sandbox.accounts[0].app-ids=" + apps};

        ConfigurableApplicationContext first = LocalService.start(new MovableClock(FixedTime.START), settings);
        UsageSandbox sandbox = first.getBean(UsageSandbox.class);
        CompletableFuture<Object> sweep = first.getBean(ProducerTemplate.class).asyncRequestBody("direct:sweep", null);
        await("the 10th request").atMost(Duration.ofSeconds(60)).until(() -> sandbox.requests().size() >= 10);

        long closing = System.nanoTime();
        first.close();
        Duration closed = Duration.ofNanos(System.nanoTime() - closing);
        int answered = sandbox.requests().size();

        assertThat(closed).as("time to shut down").isLessThan(Duration.ofSeconds(30));
        assertThat(sweep).isDone();
        assertThat(answered).as("requests sent in all").isBetween(10, 12);
        List<ConsumerRecord<String, String>> published = TopicReader.readAll(broker.getBrokersAsString(), "shutdown.usage");
        assertThat(published).as("every answered app-day published").hasSize(answered * DAYS);

        try (ConfigurableApplicationContext second = LocalService.start(new MovableClock(FixedTime.START), settings)) {
            SweepSummary rest = LocalService.sweep(second);
            assertThat(rest.isComplete()).as(rest.line()).isTrue();
            assertThat(rest.unchanged()).isEqualTo((long) answered * DAYS);
            assertThat(rest.published()).isEqualTo((long) (APPS - answered) * DAYS);
        }
        List<ConsumerRecord<String, String>> all = TopicReader.readAll(broker.getBrokersAsString(), "shutdown.usage");
        assertThat(all).hasSize(APPS * DAYS);
        assertThat(all.stream().map(ConsumerRecord::key).distinct()).as("no app-day twice").hasSize(APPS * DAYS);
    }
}
