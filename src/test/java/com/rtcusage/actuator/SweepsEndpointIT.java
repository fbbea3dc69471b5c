package com.rtcusage.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.Application;
import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.SyntheticUsage;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.Json;
import com.rtcusage.support.SuiteClock;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.sweep.SweepSummary;
import com.rtcusage.usage.UsageWindow;
import com.rtcusage.usage.WindowPlanner;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code /actuator/sweeps} on the service's one (management) port, during and after a sweep of the
 * real routes against the sandbox and a real broker. Account alpha has ten apps the API knows and
 * one it does not (11 apps: a floor of 5 s at 2 requests per second, long enough to look at it in
 * flight); account beta has two. The sandbox leaves idle days out and throttles the first request.
 * The second sweep is stopped half-way (this instance loses the leadership).
 */
@CamelSpringBootTest
@SpringBootTest(classes = Application.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "rtc-usage.schedule.run-on-startup=false",
        "rtc-usage.schedule.cron=0 0 0 1 1 ? 2099",
        "rtc-usage.retry.initial-delay=100",
        "rtc-usage.retry.max-delay=500",
        "camel.main.routes-include-pattern=file:routes/*.camel.yaml",
        "rtc-usage.kafka.topic=sweeps.usage",
        "rtc-usage.kafka.dead-letter-topic=sweeps.dead",
        "rtc-usage.window.days=5",
        "rtc-usage.accounts[0].name=alpha",
        "rtc-usage.accounts[0].access-key-id=" + SweepsEndpointIT.ALPHA_KEY,
        "rtc-usage.accounts[0].secret-access-key=" + SweepsEndpointIT.ALPHA_SECRET,
        "rtc-usage.accounts[0].app-ids=alpha-01,alpha-02,alpha-03,alpha-04,alpha-05,alpha-gone,"
                + "alpha-06,alpha-07,alpha-08,alpha-09,alpha-10",
        "rtc-usage.accounts[1].name=beta",
        "rtc-usage.accounts[1].access-key-id=" + SweepsEndpointIT.BETA_KEY,
        "rtc-usage.accounts[1].secret-access-key=" + SweepsEndpointIT.BETA_SECRET,
        "rtc-usage.accounts[1].app-ids=beta-1,beta-2",
        "sandbox.accounts[0].access-key-id=" + SweepsEndpointIT.ALPHA_KEY,
        "sandbox.accounts[0].secret-access-key=" + SweepsEndpointIT.ALPHA_SECRET,
        "sandbox.accounts[0].app-ids=alpha-01,alpha-02,alpha-03,alpha-04,alpha-05,alpha-06,alpha-07,alpha-08,alpha-09,alpha-10",
        "sandbox.accounts[1].access-key-id=" + SweepsEndpointIT.BETA_KEY,
        "sandbox.accounts[1].secret-access-key=" + SweepsEndpointIT.BETA_SECRET,
        "sandbox.accounts[1].app-ids=beta-1,beta-2",
        "sandbox.answers.idle-days-left-out=true"})
@ActiveProfiles("local")
@ContextConfiguration(initializers = SuiteClock.Initializer.class)
@EmbeddedKafka(kraft = true, partitions = 1)
@Tag(SuiteClock.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepsEndpointIT {

    static final String ALPHA_KEY = "AKLTsweepsendpoint000000000000001";
    static final String ALPHA_SECRET = "alpha-secret-never-shown";
    static final String BETA_KEY = "AKLTsweepsendpoint000000000000002";
    static final String BETA_SECRET = "beta-secret-never-shown";
    private static final List<String> ALPHA_KNOWN = IntStream.rangeClosed(1, 10).mapToObj(n -> String.format("alpha-%02d", n)).toList();
    private static final List<String> BETA_KNOWN = List.of("beta-1", "beta-2");
    private static final Duration DATA_DELAY = Duration.ofHours(8);

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    WindowPlanner windows;

    @Autowired
    Clock clock;

    @Autowired
    SweepGate gate;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Order(1)
    void showsTheSweepInFlightAndThenTheCompletedOneAccountByAccount() throws Exception {
        assertThat(sweeps().get("inFlight").isNull()).as("no sweep yet").isTrue();
        assertThat(sweeps().get("lastCompleted").isNull()).isTrue();
        sandbox.faults(SandboxFaults.none().withThrottleNext(1));
        UsageWindow window = windows.current();
        Instant sweepStarted = clock.instant();

        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);

        JsonNode during = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(this::sweeps, body -> account(body.get("inFlight"), "alpha").path("requests").asLong() > 0);
        JsonNode inFlight = during.get("inFlight");
        assertThat(inFlight.get("end").isNull()).as("a sweep in flight has no end").isTrue();
        assertThat(inFlight.get("stoppedBy").isNull()).isTrue();
        assertThat(account(inFlight, "alpha").get("end").isNull()).as("alpha still has apps to ask").isTrue();
        assertThat(account(inFlight, "alpha").at("/apps/planned").asInt()).isEqualTo(11);
        assertThat(during.get("lastCompleted").isNull()).isTrue();

        SweepSummary summary = sweep.get(60, TimeUnit.SECONDS);
        String body = get();
        JsonNode after = Json.parse(body);

        assertThat(after.get("inFlight").isNull()).isTrue();
        JsonNode last = after.get("lastCompleted");
        assertThat(Instant.parse(last.get("start").asText())).isAfterOrEqualTo(sweepStarted.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(Instant.parse(last.get("end").asText())).isAfter(Instant.parse(last.get("start").asText()));
        assertThat(last.get("stoppedBy").isNull()).isTrue();
        assertThat(last.get("accounts")).extracting(account -> account.get("name").asText()).containsExactly("alpha", "beta");

        List<RecordedRequest> seen = sandbox.requests();
        JsonNode alpha = account(last, "alpha");
        assertThat(alpha.get("apps")).isEqualTo(Json.parse("{\"planned\":11,\"ok\":10,\"failed\":1,\"notAsked\":0}"));
        assertThat(alpha.get("daysNotReported").asLong()).isEqualTo(notReported(ALPHA_KNOWN, window));
        assertThat(alpha.get("requests").asLong()).isEqualTo(count(seen, ALPHA_KEY, false));
        assertThat(alpha.get("throttled").asLong()).isEqualTo(count(seen, ALPHA_KEY, true));
        assertThat(alpha.at("/records/published").asLong())
                .isEqualTo(ALPHA_KNOWN.size() * window.days() - notReported(ALPHA_KNOWN, window));
        assertThat(alpha.get("deadLetters")).isEqualTo(
                Json.parse("{\"count\":1,\"byErrorCode\":{\"InvalidParameter.NotExistAppId\":1}}"));
        assertPace(alpha, "5.000", 5);
        assertThat(Instant.parse(alpha.get("end").asText())).isAfter(Instant.parse(alpha.get("start").asText()))
                .isBeforeOrEqualTo(Instant.parse(last.get("end").asText()));

        JsonNode beta = account(last, "beta");
        assertThat(beta.get("apps")).isEqualTo(Json.parse("{\"planned\":2,\"ok\":2,\"failed\":0,\"notAsked\":0}"));
        assertThat(beta.get("daysNotReported").asLong()).isEqualTo(notReported(BETA_KNOWN, window));
        assertThat(beta.get("requests").asLong()).isEqualTo(count(seen, BETA_KEY, false));
        assertThat(beta.get("throttled").asLong()).isEqualTo(count(seen, BETA_KEY, true));
        assertThat(beta.at("/deadLetters/count").asLong()).isZero();
        assertPace(beta, "0.500", 0);

        assertThat(alpha.get("throttled").asLong() + beta.get("throttled").asLong()).as("the sandbox's 429, retried")
                .isGreaterThanOrEqualTo(1);
        assertThat(alpha.get("requests").asLong() + beta.get("requests").asLong()).isEqualTo(summary.requests());
        assertThat(alpha.get("daysNotReported").asLong() + beta.get("daysNotReported").asLong()).isEqualTo(summary.notReported());
        assertThat(body).doesNotContain(ALPHA_SECRET, BETA_SECRET, ALPHA_KEY, BETA_KEY, "AKLT");
    }

    @Test
    @Order(2)
    void showsWhyASweepStoppedAndTheAppsItDidNotAsk() throws Exception {
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
        CompletableFuture<SweepSummary> sweep = producer.asyncRequestBody("direct:sweep", null, SweepSummary.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(this::sweeps, body -> account(body.get("inFlight"), "alpha").path("requests").asLong() >= 3);
        try {
            gate.close(SweepGate.Reason.NOT_LEADER);
            SweepSummary summary = sweep.get(60, TimeUnit.SECONDS);
            JsonNode last = sweeps().get("lastCompleted");

            assertThat(last.get("stoppedBy").asText()).isEqualTo(summary.stoppedBy()).isEqualTo("this instance lost the leadership");
            JsonNode alpha = account(last, "alpha");
            JsonNode apps = alpha.get("apps");
            assertThat(apps.get("notAsked").asInt()).as("alpha's apps after the stop").isPositive();
            assertThat(apps.get("ok").asInt() + apps.get("failed").asInt() + apps.get("notAsked").asInt()).isEqualTo(11);
            assertThat(alpha.get("requests").asLong()).isEqualTo(count(sandbox.requests(), ALPHA_KEY, false))
                    .isLessThan(11);
            assertThat(alpha.get("end").isNull()).as("a stopped account has ended too").isFalse();
            assertThat(apps.get("notAsked").asLong() + account(last, "beta").at("/apps/notAsked").asLong())
                    .isEqualTo(summary.appsSkipped());
        } finally {
            gate.open(SweepGate.Reason.NOT_LEADER);
        }
    }

    /**
     * Duration from the first request to the end, the floor (N−1)/2 s, and their ratio as the endpoint
     * rounds it. The pace lets two requests leave together, so N apps take at least ⌊(N−1)/2⌋ s.
     */
    private static void assertPace(JsonNode account, String floor, int leastSeconds) {
        JsonNode pace = account.get("pace");
        BigDecimal duration = pace.get("durationSeconds").decimalValue();
        assertThat(pace.get("floorSeconds").decimalValue()).isEqualByComparingTo(floor);
        assertThat(duration).isEqualByComparingTo(BigDecimal.valueOf(Duration.between(
                Instant.parse(account.get("start").asText()), Instant.parse(account.get("end").asText())).toMillis(), 3));
        assertThat(duration).as("no faster than the pace allows").isGreaterThanOrEqualTo(BigDecimal.valueOf(leastSeconds));
        assertThat(pace.get("ratio").decimalValue())
                .isEqualByComparingTo(duration.divide(new BigDecimal(floor), 2, RoundingMode.HALF_EVEN));
    }

    /** Planned days the sandbox leaves out: idle days, and days without figures yet (before now − 8 h). */
    private long notReported(List<String> apps, UsageWindow window) {
        Instant cutoff = clock.instant().minus(DATA_DELAY);
        return apps.stream().mapToLong(app -> window.firstDay().datesUntil(window.endDay())
                .filter(day -> SyntheticUsage.idle(app, day) || !cutoff.isAfter(SyntheticUsage.startOf(day)))
                .count()).sum();
    }

    /** Requests the sandbox saw from this key; only those it answered 429 when {@code throttled}. */
    private static long count(List<RecordedRequest> seen, String key, boolean throttled) {
        return seen.stream().filter(request -> key.equals(request.accessKeyId()))
                .filter(request -> !throttled || request.status() == 429).count();
    }

    private static JsonNode account(JsonNode sweep, String name) {
        if (sweep == null || sweep.isNull()) {
            return Json.parse("{}");
        }
        for (JsonNode account : sweep.get("accounts")) {
            if (name.equals(account.get("name").asText())) {
                return account;
            }
        }
        throw new AssertionError("no account " + name + " in " + sweep);
    }

    private JsonNode sweeps() {
        return Json.parse(get());
    }

    private String get() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/sweeps"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
