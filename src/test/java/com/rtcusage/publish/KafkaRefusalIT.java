package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.ErrorLines;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.KafkaBrokerProcess;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import com.rtcusage.sweep.OneShotSweep;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 14: failures that waiting cannot cure, each on a real broker process configured for it. Each
 * case: the sweep stops with one ERROR line naming the cause and the topic, readiness is DOWN with
 * that reason, the gauge says so, one-shot mode exits 12 within a minute; once the cause is removed
 * the next sweep publishes every app-day, none twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaRefusalIT {

    private static final int APPS = 5;
    private static final int DAYS = 3;
    private static final Duration ONE_SHOT_BOUND = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String USER = "usage-producer";
    private static final String PASSWORD = "producer-secret-7f3a";

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    @AfterEach
    void stopServices() {
        services.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aMissingTopicWhileCreateTopicsIsOffStopsTheSweepUntilItExists(CapturedOutput output) throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.create()) {
            broker.start();
            String[] settings = settings(broker.brokers(), "missing", "rtc-usage.kafka.create-topics=false");

            assertOneShotExitsRefused(settings, output, "missing.usage", "TopicMissing");
            ConfigurableApplicationContext service = start(settings);
            assertSweepStopped(service, output, "missing.usage", "TopicMissing");

            try (Admin admin = admin(broker.brokers())) {
                admin.createTopics(List.of(new NewTopic("missing.usage", 2, (short) 1)
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                        new NewTopic("missing.dead", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            assertHealed(service, broker.brokers(), "missing");
        }
    }

    @Test
    void noAuthorizationForTheTopicStopsTheSweepUntilAnAclAllowsIt(CapturedOutput output) throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.withAuthorization(USER, PASSWORD)) {
            broker.start();
            String[] settings = settings(broker.saslBrokers(), "auth",
                    "camel.component.kafka.security-protocol=SASL_PLAINTEXT",
                    "camel.component.kafka.sasl-mechanism=PLAIN",
                    "camel.component.kafka.sasl-jaas-config=org.apache.kafka.common.security.plain.PlainLoginModule"
                            + " required username=\"" + USER + "\" password=\"" + PASSWORD + "\";");

            assertOneShotExitsRefused(settings, output, "auth.", "TopicAuthorizationFailed");
            ConfigurableApplicationContext service = start(settings);
            assertSweepStopped(service, output, "auth.", "TopicAuthorizationFailed");

            try (Admin admin = admin(broker.brokers())) {
                AccessControlEntry all = new AccessControlEntry("User:" + USER, "*", AclOperation.ALL, AclPermissionType.ALLOW);
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "auth.", PatternType.PREFIXED), all)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            assertHealed(service, broker.brokers(), "auth");
            assertThat(output.getOut() + output.getErr()).as("the password never reaches a log line").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aRecordTooLargeForTheTopicStopsTheSweepUntilTheTopicTakesIt(CapturedOutput output) throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.create()) {
            broker.start();
            try (Admin admin = admin(broker.brokers())) {
                admin.createTopics(List.of(new NewTopic("large.usage", 2, (short) 1).configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "200")),
                        new NewTopic("large.dead", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            // At the Kafka settings the jar ships: the producer would name a record too large only at
            // its delivery timeout (2 minutes); the service names it before it sends.
            String[] settings = shippedSettings(broker.brokers(), "large");

            assertOneShotExitsRefused(settings, output, "large.usage", "RecordTooLarge");
            ConfigurableApplicationContext service = start(settings);
            assertSweepStopped(service, output, "large.usage", "RecordTooLarge");

            try (Admin admin = admin(broker.brokers())) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "large.usage");
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"), AlterConfigOp.OpType.SET))))
                        .all().get(30, TimeUnit.SECONDS);
            }
            assertHealed(service, broker.brokers(), "large");
        }
    }

    /**
     * Camel builds its Kafka producers as the context starts, so an unparseable broker list fails the
     * start itself (exit code 1 of a failed Spring Boot start, before any sweep), at once; a
     * ConfigException met later, in a sweep, is a refusal (FailuresTest).
     */
    @Test
    void anUnparseableBrokerListFailsTheStartAtOnceInsteadOfBeingRetried() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> start(concat(settings("not a broker list", "config"), "rtc-usage.one-shot=true")))
                .hasRootCauseInstanceOf(ConfigException.class)
                .rootCause().hasMessageContaining("bootstrap.servers");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ONE_SHOT_BOUND);
    }

    private void assertOneShotExitsRefused(String[] settings, CapturedOutput output, String topic, String reason) {
        int before = output.getOut().length();
        long started = System.nanoTime();
        ConfigurableApplicationContext oneShot = LocalService.start(new MovableClock(FixedTime.START),
                concat(settings, "rtc-usage.one-shot=true"));
        int exitCode = SpringApplication.exit(oneShot);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one-shot run time").isLessThan(ONE_SHOT_BOUND);
        assertThat(exitCode).isEqualTo(OneShotSweep.KAFKA_REFUSED);
        assertOneErrorLine(output.getOut().substring(before), topic, reason);
    }

    private void assertSweepStopped(ConfigurableApplicationContext service, CapturedOutput output, String topic,
            String reason) throws Exception {
        assertSweepStopped(service, output, topic, reason, APPS - 1);
    }

    /** {@code mostRequests}: how many requests may have left before Kafka's refusal was known. */
    private void assertSweepStopped(ConfigurableApplicationContext service, CapturedOutput output, String topic,
            String reason, int mostRequests) throws Exception {
        int before = output.getOut().length();
        SweepSummary stopped = LocalService.sweep(service);

        if (stopped != null) {
            assertThat(stopped.isComplete()).isFalse();
            assertThat(stopped.stoppedBy()).isEqualTo("Kafka refused");
            assertThat(stopped.published()).isZero();
            assertThat(service.getBean(UsageSandbox.class).requests()).as("requests after the refusal")
                    .hasSizeLessThanOrEqualTo(mostRequests);
        }
        assertOneErrorLine(output.getOut().substring(before), topic, reason);
        HttpResponse<String> readiness = readiness(service);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"kafkaRefusal\"", "\"reason\":\"" + reason + "\"", "\"topic\":\"" + topic);
        assertThat(service.getBean(MeterRegistry.class).get("rtc_usage.kafka.refused").gauge().value()).isEqualTo(1.0);
        assertThat(service.getBean(MeterRegistry.class).get("rtc_usage.kafka.refusals").tag("reason", reason).counter().count())
                .isEqualTo(1.0);
    }

    private void assertHealed(ConfigurableApplicationContext service, String brokers, String prefix) throws Exception {
        SweepSummary healed = LocalService.sweep(service);

        assertThat(healed.isComplete()).as(healed.line()).isTrue();
        assertThat(healed.published()).isEqualTo(APPS * DAYS);
        assertThat(readiness(service).statusCode()).isEqualTo(200);
        assertThat(service.getBean(MeterRegistry.class).get("rtc_usage.kafka.refused").gauge().value()).isZero();
        KafkaOutageIT.assertEveryAppDayExactlyOnce(TopicReader.readAll(brokers, prefix + ".usage"));
        assertThat(TopicReader.readAll(brokers, prefix + ".dead")).isEmpty();
    }

    /**
     * One ERROR line of the service or Camel, in plain or JSON format (structured logging, once a
     * test turned it on, stays on in this JVM). The Kafka producer adds its own when it is closed
     * while refused (idempotence needs a right it was denied); that one is the client's, not ours.
     */
    private static void assertOneErrorLine(String log, String topic, String reason) {
        List<String> errors = ErrorLines.of(log).stream()
                .filter(line -> !line.contains("o.a.k.clients.producer.internals.Sender")
                        && !line.contains("org.apache.kafka.clients.producer.internals.Sender")).toList();
        assertThat(errors).as("ERROR lines").hasSize(1);
        assertThat(errors.get(0)).contains("Kafka refused topic " + topic).contains("(" + reason + ")");
    }

    private ConfigurableApplicationContext start(String... settings) {
        ConfigurableApplicationContext service = LocalService.start(new MovableClock(FixedTime.START), settings);
        services.add(service);
        return service;
    }

    /** Lowered Kafka client timeouts: refusals that the client names only at a timeout show sooner. */
    private static String[] settings(String brokers, String prefix, String... more) {
        return concat(shippedSettings(brokers, prefix), concat(new String[] {
                "camel.component.kafka.max-block-ms=5000",
                "camel.component.kafka.request-timeout-ms=2000",
                "camel.component.kafka.delivery-timeout-ms=6000",
                "camel.component.kafka.consumer-request-timeout-ms=2000",
                "camel.component.kafka.additional-properties[default.api.timeout.ms]=5000"}, more));
    }

    /** The Kafka client settings as the jar ships them. */
    private static String[] shippedSettings(String brokers, String prefix) {
        return new String[] {
                "camel.component.kafka.brokers=" + brokers,
                "camel.main.shutdown-timeout=5",
                "rtc-usage.kafka.topic=" + prefix + ".usage",
                "rtc-usage.kafka.dead-letter-topic=" + prefix + ".dead",
                "rtc-usage.window.days=" + DAYS,
                "rtc-usage.schedule.run-on-startup=false",
                "server.port=0",
                "management.server.port=0"};
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static Admin admin(String brokers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    private static HttpResponse<String> readiness(ConfigurableApplicationContext service) {
        String port = service.getEnvironment().getProperty("local.management.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
