package com.rtcusage.check;

import static com.rtcusage.support.RateLimitAssertions.assertAtMostTwoPerSecondPerAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rtcusage.actuator.SweepHistory;
import com.rtcusage.actuator.SweepsView;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.LocalService;
import com.rtcusage.support.MovableClock;
import com.rtcusage.support.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Check mode against the sandbox and a real broker: one line per app with the API's own verdict,
 * a line per broker list and topic, exit 20 when anything failed, and nothing published or created,
 * while one-shot and the start-up sweep, both asked for, stand down.
 */
@EmbeddedKafka(kraft = true, partitions = 1)
@ExtendWith(OutputCaptureExtension.class)
class CheckModeIT {

    private static final String GOOD_KEY = "AKLTchecktest0000000000000000001";
    private static final String GOOD_SECRET = "check-good-secret";
    private static final String OTHER_KEY = "AKLTchecktest0000000000000000002";
    private static final String OTHER_SECRET = "check-other-secret";
    private static final String WRONG_SECRET = "check-wrong-secret";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-26T03:00:00Z"));

    @Test
    void reportsEveryAppWithTheApisVerdictPublishesNothingAndExitsTwenty(EmbeddedKafkaBroker broker,
            CapturedOutput output) throws Exception {
        String brokers = broker.getBrokersAsString();
        createTopic(brokers, "check.usage");

        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.check=true",
                "rtc-usage.one-shot=true", "rtc-usage.schedule.run-on-startup=true",
                "camel.component.kafka.brokers=" + brokers, "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=check.usage", "rtc-usage.kafka.dead-letter-topic=check.dead",
                "rtc-usage.accounts[0].name=good",
                "rtc-usage.accounts[0].access-key-id=" + GOOD_KEY,
                "rtc-usage.accounts[0].secret-access-key=" + GOOD_SECRET,
                "rtc-usage.accounts[0].app-ids=good-1,good-2,no-such-app,not-yours",
                "rtc-usage.accounts[1].name=rotated",
                "rtc-usage.accounts[1].access-key-id=" + OTHER_KEY,
                "rtc-usage.accounts[1].secret-access-key=" + WRONG_SECRET,
                "rtc-usage.accounts[1].app-ids=other-1",
                "sandbox.accounts[0].access-key-id=" + GOOD_KEY,
                "sandbox.accounts[0].secret-access-key=" + GOOD_SECRET,
                "sandbox.accounts[0].app-ids=good-1,good-2",
                "sandbox.accounts[1].access-key-id=" + OTHER_KEY,
                "sandbox.accounts[1].secret-access-key=" + OTHER_SECRET,
                "sandbox.accounts[1].app-ids=other-1,not-yours");
        List<RecordedRequest> requests = service.getBean(UsageSandbox.class).requests();
        SweepsView sweeps = service.getBean(SweepHistory.class).view();

        int exitCode = SpringApplication.exit(service);

        assertThat(requests).as("one request per app, none retried, no sweep").hasSize(5)
                .extracting(RecordedRequest::appId)
                .containsExactlyInAnyOrder("good-1", "good-2", "no-such-app", "not-yours", "other-1");
        assertThat(requests).as("arrivals (ms after the first): %s", arrivals(requests))
                .noneMatch(request -> request.status() == 429);
        assertAtMostTwoPerSecondPerAccount(requests);

        assertThat(exitCode).isEqualTo(CheckReport.FAILED);
        assertThat(output.getOut()).contains(
                "Kafka brokers " + brokers + ": ok, 1 broker(s) in the cluster answered",
                "Kafka topic check.usage: ok, exists; the principal may DESCRIBE, READ, WRITE",
                "Kafka topic check.dead: ok, missing; the broker accepts its creation at start (validated, not created)",
                "app no-such-app of account good: FAILED, InvalidParameter.NotExistAppId: ",
                "app not-yours of account good: FAILED, AccessDenied",
                "app other-1 of account rotated: FAILED, SignatureDoesNotMatch: ",
                "Check FAILED: Kafka 3 of 3 ok, apps 2 of 5 ok (exit code 20)")
                .containsPattern("app good-1 of account good: ok, 3 of 3 days reported \\(2026-11-24\\.\\.2026-11-26\\); "
                        + "minutes audio \\d+, video360p \\d+, video720p \\d+, video1080p \\d+ \\(total \\d+\\); "
                        + "cost USD \\d+\\.\\d{6} \\(RequestId \\w+\\)")
                .containsPattern("app good-2 of account good: ok, 3 of 3 days reported")
                .doesNotContain(GOOD_SECRET, WRONG_SECRET);
        // This service's own sweeps, not the log: other services of this JVM may sweep meanwhile.
        assertThat(sweeps.inFlight()).as("no sweep in flight").isNull();
        assertThat(sweeps.lastCompleted()).as("no sweep ran").isNull();

        assertThat(TopicReader.readAll(brokers, "check.usage")).isEmpty();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).as("topics after the check")
                    .contains("check.usage").doesNotContain("check.dead");
        }
    }

    @Test
    void namesTheBrokersAndExitsTwentyWithinAMinuteWhenNoBrokerAnswers(CapturedOutput output) throws IOException {
        String brokers = "127.0.0.1:" + unusedPort();
        long started = System.nanoTime();

        ConfigurableApplicationContext service = LocalService.start(clock, "rtc-usage.check=true",
                "camel.component.kafka.brokers=" + brokers, "rtc-usage.window.days=3",
                "rtc-usage.kafka.topic=check-down.usage", "rtc-usage.kafka.dead-letter-topic=check-down.dead");
        int exitCode = SpringApplication.exit(service);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(exitCode).isEqualTo(CheckReport.FAILED);
        assertThat(output.getOut())
                .contains("Kafka brokers " + brokers + ": FAILED, no broker answered within 15 s (")
                .contains("topics not checked")
                .contains("app demo-app-a1 of account demo-a: ok, 3 of 3 days reported")
                .contains("Check FAILED: Kafka 0 of 1 ok, apps 5 of 5 ok (exit code 20)");
    }

    /** The check does not bypass validation: bad configuration stops it as it stops every start, naming the key. */
    @Test
    void invalidConfigurationStopsTheCheckBeforeItAsksAnything(EmbeddedKafkaBroker broker, CapturedOutput output) {
        assertThatThrownBy(() -> LocalService.start(clock, "rtc-usage.check=true", "rtc-usage.window.days=31",
                "camel.component.kafka.brokers=" + broker.getBrokersAsString()))
                .hasStackTraceContaining("rtc-usage.window.days");
        assertThat(output.getAll()).contains("rtc-usage.window.days must be less than or equal to 30")
                .doesNotContain("rtc-usage check:");
    }

    private static void createTopic(String brokers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
    }

    /** Key, app and arrival of each request, in ms after the first: what a failure of the pace needs to be judged. */
    private static List<String> arrivals(List<RecordedRequest> requests) {
        long first = requests.stream().mapToLong(RecordedRequest::receivedNanos).min().orElse(0);
        return requests.stream().map(request -> request.accessKeyId() + "/" + request.appId() + " +"
                + TimeUnit.NANOSECONDS.toMillis(request.receivedNanos() - first) + " ms " + request.status()).toList();
    }

    /** A loopback port nobody listens on once the probe socket is closed. */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
