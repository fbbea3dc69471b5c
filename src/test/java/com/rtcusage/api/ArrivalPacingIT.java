package com.rtcusage.api;

import static com.rtcusage.support.RateLimitAssertions.assertAtMostTwoPerSecondPerAccount;
import static com.rtcusage.support.RateLimitAssertions.floorRatio;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.sandbox.RecordedRequest;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The pace depends on arrivals only, at the shipped margin (80 ms): with answers that take 150 or
 * 300 ms and a network that delays each request by a random 0..80 ms before it reaches the API's
 * rate limiter, one account's sweep still arrives at about the API's floor, (N-1)/2 s, never with
 * three requests inside one second and never answered 429. Judged on the sandbox's recorded
 * arrival times. Requests leave in pairs, 1 s plus the margin apart (the answers come later than
 * the margin, so they prove nothing earlier), so 12 apps span 5 x 1.08 s against a floor of 5.5 s;
 * pacing after answers would take 1.3 (150 ms) to 1.6 (300 ms) times the floor.
 */
@PipelineTest
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=pacing.usage", "rtc-usage.kafka.dead-letter-topic=pacing.dead",
        "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=far",
        "rtc-usage.accounts[0].access-key-id=" + ArrivalPacingIT.KEY,
        "rtc-usage.accounts[0].secret-access-key=pacing-test-secret-1",
        "rtc-usage.accounts[0].app-ids=p1,p2,p3,p4,p5,p6,p7,p8,p9,p10,p11,p12"})
class ArrivalPacingIT {

    static final String KEY = "AKLTpacingtest000000000000000001";
    private static final int APPS = 12;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @BeforeEach
    @AfterEach
    void calmSandbox() {
        sandbox.faults(SandboxFaults.none());
        sandbox.clearRequests();
    }

    @ParameterizedTest(name = "answers after {0} ms, ingress jitter 0..{1} ms")
    @CsvSource({"150, 80", "300, 80", "300, 0"})
    void arrivalsKeepTheLimitAndTheFloorWhateverTheAnswersLatency(long latencyMillis, long jitterMillis) {
        sandbox.faults(SandboxFaults.none().withLatency(Duration.ofMillis(latencyMillis))
                .withIngressJitter(Duration.ofMillis(jitterMillis)));

        SweepSummary summary = producer.requestBody("direct:sweep", null, SweepSummary.class);

        List<RecordedRequest> requests = sandbox.requests();
        assertThat(summary.isComplete()).as(summary.line()).isTrue();
        assertThat(requests).as("no 429, no retry").hasSize(APPS)
                .allSatisfy(request -> assertThat(request.status()).isEqualTo(200));
        assertAtMostTwoPerSecondPerAccount(requests);
        assertThat(floorRatio(requests, KEY, 2)).isBetween(0.9, 1.2);
    }
}
