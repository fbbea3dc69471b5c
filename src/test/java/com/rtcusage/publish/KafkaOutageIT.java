package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.support.ErrorLines;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.Json;
import com.rtcusage.support.KafkaBrokerProcess;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 3, item 6: with the broker unreachable at start or gone in the middle of a sweep, the
 * service keeps retrying, stays alive, reports not-ready, and delivers every app-day once the broker
 * is back, without duplicates. The broker is a real KRaft broker in a process of its own, stopped
 * and started again on the same port and log directory; all assertions are on records read back.
 * Each test brings the broker into the state it needs; the order only saves one broker start.
 * <p>
 * One-shot mode does not wait without end: once Kafka has been away for longer than
 * {@code rtc-usage.kafka.one-shot-wait} it stops the sweep and exits 10, with one ERROR line naming
 * the brokers. The wait is a few seconds here, as the promise under test is "exits after the
 * configured wait" (KafkaWaitTest checks the shipped 5 minutes); the service, set the same wait,
 * must not heed it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutageIT {

    private static final Set<String> APPS = Set.of("demo-app-a1", "demo-app-a2", "demo-app-a3", "demo-app-b1", "demo-app-b2");
    private static final int DAYS = 3;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration ONE_SHOT_WAIT = Duration.ofSeconds(3);
    /** What may follow one-shot's wait: the attempt in flight (client timeouts of 2-3 s, an Admin close of 5 s), a 1 s back-off. */
    private static final Duration ONE_SHOT_SLACK = Duration.ofSeconds(20);
    /** When the runners (the one-shot sweep) began: Spring's start-up is not the wait under test. */
    private static volatile long runnersStartedNanos;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KafkaBrokerProcess broker;

    private ConfigurableApplicationContext service;
    private final AtomicInteger redeliveries = new AtomicInteger();

    @BeforeAll
    static void createBroker() {
        broker = KafkaBrokerProcess.create();
    }

    @AfterAll
    static void removeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void brokerUnreachableAtStartIsWaitedForAndEveryAppDayDeliveredOnce() throws Exception {
        broker.stop();
        service = start("outage-start", "rtc-usage.schedule.run-on-startup=true");

        // The start-up sweep cannot even read back what was published: it retries, the service lives on.
        await("the start-up sweep retries while Kafka is away").atMost(BOUND).until(() -> redeliveries.get() >= 1);
        await("the service still waits, well past one-shot's wait").during(ONE_SHOT_WAIT.multipliedBy(3))
                .atMost(ONE_SHOT_WAIT.multipliedBy(3).plus(BOUND))
                .until(() -> inflight("sweep") == 1 && service.getBean(SweepGate.class).isOpen());
        assertThat(service.isActive()).isTrue();
        assertThat(inflight("sweep")).as("the start-up sweep is still running").isEqualTo(1);
        assertThat(probe("liveness")).isEqualTo(200);
        assertThat(probe("readiness")).as("readiness while Kafka is away").isEqualTo(503);
        assertThat(downChecks()).as("Camel checks DOWN while Kafka is away").isNotEmpty()
                .allMatch(id -> id.startsWith("producer:kafka"));

        broker.start();

        await("the start-up sweep finishes once Kafka is back").atMost(BOUND).until(() -> inflight("sweep") == 0);
        await("ready again").atMost(BOUND).until(() -> probe("readiness") == 200);
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(broker.brokers(), "outage-start.usage");
        assertEveryAppDayExactlyOnce(records);
        assertThat(TopicReader.readAll(broker.brokers(), "outage-start.dead")).isEmpty();
    }

    @Test
    @Order(2)
    void brokerLostInTheMiddleOfASweepIsWaitedForAndNothingIsLostOrDoubled() throws Exception {
        broker.start();
        service = start("outage-sweep", "rtc-usage.schedule.run-on-startup=false");
        await("ready with Kafka there").atMost(BOUND).until(() -> probe("readiness") == 200);
        // Slow answers stretch the sweep (three apps of demo-a in turn) over several seconds.
        service.getBean(UsageSandbox.class).faults(SandboxFaults.none().withLatency(Duration.ofMillis(1500)));
        ProducerTemplate producer = service.getBean(ProducerTemplate.class);

        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);
        await("the first records landed").atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> !TopicReader.readAll(broker.brokers(), "outage-sweep.usage").isEmpty());
        broker.stop();

        await("the sweep retries publishing while Kafka is away").atMost(BOUND).until(() -> redeliveries.get() >= 1);
        assertThat(sweep).as("the sweep waits for Kafka").isNotDone();
        assertThat(service.isActive()).isTrue();
        assertThat(probe("liveness")).isEqualTo(200);
        await("not ready while Kafka is away").atMost(BOUND).until(() -> probe("readiness") == 503);
        assertThat(downChecks()).as("Camel checks DOWN while Kafka is away").allMatch(id -> id.startsWith("producer:kafka"));

        broker.start();

        SweepSummary summary = sweep.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(summary.published()).isEqualTo(APPS.size() * DAYS);
        await("ready again").atMost(BOUND).until(() -> probe("readiness") == 200);
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(broker.brokers(), "outage-sweep.usage");
        assertEveryAppDayExactlyOnce(records);
        assertThat(TopicReader.readAll(broker.brokers(), "outage-sweep.dead")).isEmpty();
    }

    @Test
    @Order(3)
    void oneShotWithTheBrokerUnreachableAtStartExitsTenAfterItsWait(CapturedOutput output) throws Exception {
        broker.stop();

        // In the background, so a run that waits for ever fails the test instead of hanging it.
        CompletableFuture<ConfigurableApplicationContext> run = CompletableFuture.supplyAsync(() -> start("oneshot-start",
                "rtc-usage.one-shot=true", "spring.main.sources=" + RunnersStart.class.getName()));
        service = run.get(BOUND.plus(ONE_SHOT_WAIT).plus(ONE_SHOT_SLACK).toSeconds(), TimeUnit.SECONDS);
        Duration sweep = Duration.ofNanos(System.nanoTime() - runnersStartedNanos);

        assertThat(SpringApplication.exit(service)).isEqualTo(OneShotSweep.TRANSIENT);
        assertThat(sweep).isGreaterThan(ONE_SHOT_WAIT).isLessThan(ONE_SHOT_WAIT.plus(ONE_SHOT_SLACK));
        assertOneErrorLineNamingTheBrokers(output);
    }

    @Test
    @Order(4)
    void oneShotThatLosesTheBrokerInTheMiddleOfTheSweepExitsTenAfterItsWait(CapturedOutput output) throws Exception {
        broker.start();
        // Slow answers stretch the sweep (three apps of demo-a in turn) over several seconds.
        CompletableFuture<ConfigurableApplicationContext> run = CompletableFuture.supplyAsync(() -> start("oneshot-sweep",
                "rtc-usage.one-shot=true", "sandbox.latency=1500ms"));
        await("the first records landed").atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> !TopicReader.readAll(broker.brokers(), "oneshot-sweep.usage").isEmpty());
        broker.stop();
        long lostNanos = System.nanoTime();

        service = run.get(ONE_SHOT_WAIT.plus(ONE_SHOT_SLACK).toSeconds(), TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - lostNanos)).isGreaterThan(ONE_SHOT_WAIT);
        assertThat(SpringApplication.exit(service)).isEqualTo(OneShotSweep.TRANSIENT);
        assertOneErrorLineNamingTheBrokers(output);
        assertThat(output.getOut()).containsOnlyOnce("Sweep INCOMPLETE")
                .contains("stopped (Kafka unreachable for longer than rtc-usage.kafka.one-shot-wait)");
    }

    private static void assertOneErrorLineNamingTheBrokers(CapturedOutput output) {
        List<String> errors = ErrorLines.of(output.getOut());
        assertThat(errors).singleElement().asString().contains("Kafka at " + broker.brokers()
                + " unreachable for longer than rtc-usage.kafka.one-shot-wait (PT3S)");
    }

    /**
     * Time stands still (FixedTime), so every app-day has one content: one record per key, no key
     * repeating a content id, today partial and the settled days final, all fetched at that instant.
     */
    static void assertEveryAppDayExactlyOnce(List<ConsumerRecord<String, String>> records) {
        LocalDate today = LocalDate.ofInstant(FixedTime.START, ZoneOffset.ofHours(8));
        Set<String> expected = APPS.stream()
                .flatMap(app -> today.minusDays(DAYS - 1).datesUntil(today.plusDays(1)).map(day -> app + ":" + day))
                .collect(Collectors.toSet());
        Map<String, List<ConsumerRecord<String, String>>> byKey =
                records.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
        Map<String, List<String>> contentIdsByKey = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(KafkaOutageIT::contentId, Collectors.toList())));

        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(contentIdsByKey).allSatisfy((key, ids) -> assertThat(ids).as("content ids of " + key).doesNotHaveDuplicates());
        assertThat(byKey).allSatisfy((key, ofKey) -> assertThat(ofKey).as("records of " + key).hasSize(1));
        for (ConsumerRecord<String, String> record : records) {
            boolean settled = !record.key().endsWith(":" + today);
            JsonNode value = Json.parse(record.value());
            assertThat(value.get("final").asBoolean()).as("final of " + record.key()).isEqualTo(settled);
            assertThat(Instant.parse(value.get("fetchedAt").asText())).as("fetchedAt of " + record.key()).isEqualTo(FixedTime.START);
        }
    }

    private static String contentId(ConsumerRecord<String, String> record) {
        Header id = record.headers().lastHeader(RecordWriter.CE_ID);
        assertThat(id).as("ce_id of " + record.key()).isNotNull();
        return new String(id.value(), StandardCharsets.UTF_8);
    }

    /**
     * The service as main starts it, profile local (sandbox API), on the broker process; short Kafka
     * timeouts. In one-shot mode it returns once the sweep ended.
     */
    private ConfigurableApplicationContext start(String topicPrefix, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "camel.component.kafka.brokers=" + broker.brokers(),
                "camel.component.kafka.max-block-ms=2000",
                "camel.component.kafka.request-timeout-ms=1000",
                "camel.component.kafka.delivery-timeout-ms=3000",
                "camel.component.kafka.consumer-request-timeout-ms=1000",
                "camel.component.kafka.additional-properties[default.api.timeout.ms]=2000",
                "camel.main.shutdown-timeout=5",
                "rtc-usage.kafka.topic=" + topicPrefix + ".usage",
                "rtc-usage.kafka.dead-letter-topic=" + topicPrefix + ".dead",
                "rtc-usage.window.days=" + DAYS,
                "rtc-usage.retry.max-delay=1s",
                "rtc-usage.kafka.one-shot-wait=" + ONE_SHOT_WAIT.toSeconds() + "s",
                "server.port=0"));
        properties.addAll(List.of(more));
        ConfigurableApplicationContext started = LocalService.start(new MovableClock(FixedTime.START),
                properties.toArray(String[]::new));
        RedeliveryCounter counter = new RedeliveryCounter(redeliveries);
        started.getBean(CamelContext.class).getManagementStrategy().addEventNotifier(counter);
        counter.start();
        return started;
    }

    /** Ids of Camel's readiness checks that are DOWN, the ones camelReadinessState reports. */
    private List<String> downChecks() {
        return HealthCheckHelper.invokeReadiness(service.getBean(CamelContext.class)).stream()
                .filter(result -> result.getState() == HealthCheck.State.DOWN)
                .map(result -> result.getCheck().getId())
                .toList();
    }

    private int inflight(String routeId) {
        return service.getBean(CamelContext.class).getInflightRepository().size(routeId);
    }

    /** HTTP status of a Kubernetes probe on the service's one port: 200 UP, 503 DOWN. */
    private int probe(String group) {
        String port = service.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + group))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bean of the service that notes when the context has started and its runners (the one-shot sweep) begin. */
    public static final class RunnersStart implements ApplicationListener<ApplicationStartedEvent> {

        @Override
        public void onApplicationEvent(ApplicationStartedEvent event) {
            runnersStartedNanos = System.nanoTime();
        }
    }

    /** Counts Camel's redelivery attempts: evidence that a step failed against Kafka and is tried again. */
    static final class RedeliveryCounter extends EventNotifierSupport {

        private final AtomicInteger count;

        RedeliveryCounter(AtomicInteger count) {
            this.count = count;
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeRedeliveryEvent) {
                count.incrementAndGet();
            }
        }
    }
}
