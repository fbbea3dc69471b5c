package com.rtcusage.sweep;


import com.rtcusage.flow.FlowNames;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.stop.SweepGate;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.api.Departure;
import com.rtcusage.api.DeparturePacing;
import com.rtcusage.usage.UsageRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20 #4: an app the closed gate stops (Camel's {@code stop}, which skips every doFinally)
 * still gives back its room in the account. Here the account's two departure slots are held
 * elsewhere, so the 8 apps the account lets into the flow all wait for their departure; the Lease
 * is lost, the 8 are let go to meet the closed gate and stopped there, and the Lease comes back at
 * once, with 24 apps still to hand out. Before, the 8 stopped apps kept their room: the rest waited
 * for it for ever, the sweep never ended and every later sweep was turned away. (A stopped sweep hands
 * out one app per 100 ms without room, so with only 4 left, as this test first had, they were all out
 * before the Lease came back and the old code passed too; with 24 it times out on the first sweep.)
 */
@PipelineTest
@Import(FixedTime.class)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=giveback.usage", "rtc-usage.kafka.dead-letter-topic=giveback.dead",
        "rtc-usage.window.days=1",
        "rtc-usage.accounts[0].name=giveback",
        "rtc-usage.accounts[0].access-key-id=AKLTgivebacktest00000000000000001",
        "rtc-usage.accounts[0].secret-access-key=give-back-secret",
        "rtc-usage.accounts[0].app-ids=g1,g2,g3,g4,g5,g6,g7,g8,g9,g10,g11,g12,g13,g14,g15,g16,g17,g18,g19,g20,g21,g22,g23,g24,g25,g26,g27,g28,g29,g30,g31,g32",
        "sandbox.accounts[0].access-key-id=AKLTgivebacktest00000000000000001",
        "sandbox.accounts[0].secret-access-key=give-back-secret",
        "sandbox.accounts[0].app-ids=g1,g2,g3,g4,g5,g6,g7,g8,g9,g10,g11,g12,g13,g14,g15,g16,g17,g18,g19,g20,g21,g22,g23,g24,g25,g26,g27,g28,g29,g30,g31,g32"})
class StoppedAppsGiveBackIT {

    private static final int APPS = 32;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    SweepGate gate;

    @Autowired
    DeparturePacing departures;

    @AfterEach
    void leaderAgain() {
        gate.open(SweepGate.Reason.NOT_LEADER);
        sandbox.clearRequests();
    }

    @Test
    void appsStoppedAtTheGateGiveBackTheirRoomSoTheLeaseRegainedSweepsOn() throws Exception {
        AtomicInteger stoppedAttempts = new AtomicInteger();
        EventNotifierSupport stops = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof ExchangeSentEvent sent && sent.getExchange().isRouteStop()
                        && sent.getEndpoint().getEndpointUri().startsWith("direct://call-list-usages")) {
                    stoppedAttempts.incrementAndGet();
                }
            }
        };
        camel.getManagementStrategy().addEventNotifier(stops);
        UsageRequest elsewhere = new UsageRequest("giveback", "held-by-the-test");
        List<Departure> held = List.of(departures.departure(elsewhere, null).get(10, TimeUnit.SECONDS),
                departures.departure(elsewhere, null).get(10, TimeUnit.SECONDS));   // granted, never on the wire: the slots stay taken
        try {
            CompletableFuture<SweepSummary> stoppedSweep = producer.asyncRequestBody(FlowNames.SWEEP, null, SweepSummary.class);
            await("the account's 8 apps in the flow wait for their departure").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> camel.getInflightRepository().size("call-list-usages") == AppAdmission.APPS_IN_FLOW);
            gate.close(SweepGate.Reason.NOT_LEADER);
            await("the 8 stopped at the gate").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                    .until(() -> stoppedAttempts.get() >= AppAdmission.APPS_IN_FLOW);
            gate.open(SweepGate.Reason.NOT_LEADER);   // the Lease is back while apps are still to be handed out
            held.forEach(departures::sent);

            SweepSummary first = stoppedSweep.get(30, TimeUnit.SECONDS);
            assertThat(first.appsSkipped()).as(first.line()).isGreaterThanOrEqualTo(AppAdmission.APPS_IN_FLOW);

            SweepSummary next = producer.requestBody(FlowNames.SWEEP, null, SweepSummary.class);
            assertThat(next).as("the next sweep ran").isNotNull();
            assertThat(next.isComplete()).as(next.line()).isTrue();
            assertThat(next.appsPlanned()).isEqualTo(APPS);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(stops);
        }
    }
}
