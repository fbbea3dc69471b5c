package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.rtcusage.metrics.MonitoringFiles.Selector;
import com.rtcusage.metrics.Scrape.Sample;
import com.rtcusage.sandbox.DailyFigures;
import com.rtcusage.sandbox.SandboxFaults;
import com.rtcusage.sandbox.SyntheticUsage;
import com.rtcusage.sandbox.UsageSandbox;
import com.rtcusage.support.FixedTime;
import com.rtcusage.support.PipelineTest;
import com.rtcusage.sweep.SweepSummary;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Two sweeps against the sandbox (the first with one 429), then one scrape of the Prometheus
 * registry that /actuator/prometheus serves: every series the alert rules and the Grafana dashboard
 * in k8s/monitoring select exists, and every metric they use has the value those sweeps must give.
 * The selectors are parsed from the files, so a renamed metric or a new panel fails here.
 *
 * <p>Account good has apps known-1, known-2 and one the API does not know; account stale-key signs
 * with a secret the API no longer accepts. Time stands still (11:00 in Beijing), so the window of
 * two days holds one final day (2026-11-25) and today, and the second sweep changes nothing.
 */
@PipelineTest
@Import(FixedTime.class)
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "rtc-usage.kafka.topic=metrics.usage", "rtc-usage.kafka.dead-letter-topic=metrics.dead", "rtc-usage.window.days=2",
        "rtc-usage.accounts[0].name=good",
        "rtc-usage.accounts[0].access-key-id=AKLTmetricstest0000000000000000001",
        "rtc-usage.accounts[0].secret-access-key=right-secret",
        "rtc-usage.accounts[0].app-ids=known-1,unknown-app,known-2",
        "rtc-usage.accounts[1].name=stale-key",
        "rtc-usage.accounts[1].access-key-id=AKLTmetricstest0000000000000000002",
        "rtc-usage.accounts[1].secret-access-key=rotated-away-secret",
        "rtc-usage.accounts[1].app-ids=stale-app",
        "sandbox.accounts[0].access-key-id=AKLTmetricstest0000000000000000001",
        "sandbox.accounts[0].secret-access-key=right-secret",
        "sandbox.accounts[0].app-ids=known-1,known-2",
        "sandbox.accounts[1].access-key-id=AKLTmetricstest0000000000000000002",
        "sandbox.accounts[1].secret-access-key=the-new-secret",
        "sandbox.accounts[1].app-ids=stale-app"})
class MonitoringSeriesIT {

    private static final LocalDate FINAL_DAY = LocalDate.of(2026, 11, 25);
    private static final List<String> KNOWN_APPS = List.of("known-1", "known-2");
    private static final String NOT_EXIST = "InvalidParameter.NotExistAppId";

    // The Spring context, and with it the sweeps, lives as long as the class: kept for its test methods.
    private static Scrape scrape;
    private static SweepSummary first;
    private static SweepSummary second;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    UsageSandbox sandbox;

    @Autowired
    PrometheusMeterRegistry registry;

    @Autowired
    CamelContext camel;

    /** What every metric the files use must show after the two sweeps; one entry per metric name. */
    private Map<String, Expectation> expectations() {
        return Map.ofEntries(
                Map.entry("rtc_usage_app_last_fetch_timestamp_seconds", samples -> {
                    assertThat(samples).extracting(sample -> sample.labels().get("app")).containsExactlyInAnyOrderElementsOf(KNOWN_APPS);
                    assertThat(samples).allSatisfy(sample ->
                            assertThat(sample.value()).isEqualTo((double) FixedTime.START.getEpochSecond()));
                }),
                Map.entry("rtc_usage_kafka_reachable", samples -> assertThat(samples).singleElement()
                        .extracting(Sample::value).isEqualTo(1.0)),
                Map.entry("rtc_usage_kafka_refused", samples -> assertThat(samples).singleElement()
                        .extracting(Sample::value).isEqualTo(0.0)),
                Map.entry("rtc_usage_sweeps_total", samples -> {
                    assertThat(scrape.sum("rtc_usage_sweeps_total", "result", "incomplete")).isEqualTo(2);
                    assertThat(scrape.sum("rtc_usage_sweeps_total", "result", "complete")).isZero();
                }),
                Map.entry("rtc_usage_sweep_duration_seconds_max", samples -> assertThat(
                        scrape.sum("rtc_usage_sweep_duration_seconds_max", "result", "incomplete")).isPositive()),
                Map.entry("rtc_usage_dead_letters_total", samples -> {
                    assertThat(samples).hasSize(2);
                    assertThat(scrape.sum("rtc_usage_dead_letters_total", "account", "good", "app", "unknown-app", "reason", NOT_EXIST))
                            .isEqualTo(2);
                    assertThat(scrape.sum("rtc_usage_dead_letters_total", "account", "stale-key", "app", "stale-app",
                            "reason", "SignatureDoesNotMatch")).isEqualTo(2);
                }),
                Map.entry("rtc_usage_api_requests_total", samples -> {
                    assertThat(scrape.sum("rtc_usage_api_requests_total", "account", "good", "outcome", "ok", "code", "none"))
                            .isEqualTo(4);
                    assertThat(scrape.sum("rtc_usage_api_requests_total", "account", "good", "outcome", "client_error",
                            "code", NOT_EXIST)).isEqualTo(2);
                    assertThat(scrape.sum("rtc_usage_api_requests_total", "account", "stale-key", "outcome", "client_error",
                            "code", "SignatureDoesNotMatch")).isEqualTo(2);
                    assertThat(scrape.sum("rtc_usage_api_requests_total", "outcome", "throttled", "code", "FlowLimitExceeded"))
                            .isEqualTo(1);
                    assertThat(samples.stream().mapToDouble(Sample::value).sum()).isEqualTo(first.requests() + second.requests());
                }),
                Map.entry("rtc_usage_api_request_duration_seconds_bucket", samples -> {
                    assertThat(scrape.sum("rtc_usage_api_request_duration_seconds_bucket", "le", "+Inf")).isEqualTo(9);
                    assertThat(scrape.sum("rtc_usage_api_request_duration_seconds_bucket", "account", "stale-key", "le", "+Inf"))
                            .isBetween(2.0, 3.0);
                }),
                Map.entry("rtc_usage_api_request_duration_seconds_max", samples -> assertThat(samples).hasSize(2)
                        .allSatisfy(sample -> assertThat(sample.value()).isPositive())),
                Map.entry("rtc_usage_api_pacing_wait_seconds_count", samples ->
                        assertThat(samples.stream().mapToDouble(Sample::value).sum()).isEqualTo(9)),
                // Three or four requests of account good per sweep, each after the first paced ~500 ms after the previous answer.
                Map.entry("rtc_usage_api_pacing_wait_seconds_sum", samples ->
                        assertThat(scrape.sum("rtc_usage_api_pacing_wait_seconds_sum", "account", "good")).isGreaterThan(1.0)),
                Map.entry("rtc_usage_api_pacing_wait_seconds_max", samples ->
                        assertThat(scrape.sum("rtc_usage_api_pacing_wait_seconds_max", "account", "good")).isGreaterThan(0.3)),
                // The 429 of the first sweep doubled one account's margin (0.16 s); the clean second sweep brought it half way back.
                Map.entry("rtc_usage_api_arrival_margin_seconds", samples -> assertThat(samples).extracting(Sample::value)
                        .containsExactlyInAnyOrder(0.08, 0.12)),
                Map.entry("rtc_usage_records_published_total", samples -> {
                    assertThat(scrape.sum("rtc_usage_records_published_total", "account", "good")).isEqualTo(4);
                    assertThat(scrape.series("rtc_usage_records_published_total", "account", "stale-key"))
                            .singleElement().extracting(Sample::value).isEqualTo(0.0);
                }),
                Map.entry("rtc_usage_records_unchanged_total", samples -> {
                    assertThat(scrape.sum("rtc_usage_records_unchanged_total", "account", "good")).isEqualTo(4);
                    assertThat(scrape.sum("rtc_usage_records_unchanged_total", "account", "stale-key")).isZero();
                }),
                Map.entry("rtc_usage_final_cost_total", samples -> {
                    assertThat(samples).hasSize(2 * 4);
                    assertFinalCost("audio", DailyFigures::audio, "0.99");
                    assertFinalCost("video360p", DailyFigures::video360p, "1.99");
                    assertFinalCost("video720p", DailyFigures::video720p, "3.99");
                    assertFinalCost("video1080p", DailyFigures::video1080p, "8.99");
                    assertThat(scrape.sum("rtc_usage_final_cost_total", "account", "stale-key")).isZero();
                }),
                Map.entry("camel_exchanges_failed_total", samples ->
                        assertThat(scrape.sum("camel_exchanges_failed_total", "routeId", "call-list-usages")).isEqualTo(5)),
                Map.entry("rtc_usage_kafka_send_seconds_max", samples -> {
                    assertThat(samples).extracting(sample -> sample.labels().get("topic"))
                            .containsExactlyInAnyOrder("metrics.usage", "metrics.dead");
                    assertThat(samples).allSatisfy(sample -> assertThat(sample.value()).isPositive());
                }),
                Map.entry("camel_routes_running_routes", samples -> assertThat(samples).singleElement()
                        .extracting(Sample::value).isEqualTo((double) camel.getRoutes().size())));
    }

    @Test
    void theRulesRaiseTheFiveAlertsOfTheIssueAndOneForMissingMetrics() {
        assertThat(MonitoringFiles.alertRules()).containsOnlyKeys("RtcUsageAppDataStale", "RtcUsageDeadLetters",
                "RtcUsageApiThrottled", "RtcUsageSweepsFailing", "RtcUsageKafkaUnreachable", "RtcUsageKafkaRefused",
                "RtcUsageMetricsAbsent");
    }

    @Test
    void everySeriesOfTheRulesAndTheDashboardIsScrapedWithTheValueOfTheSweeps() {
        sweepTwiceOnce();
        List<String> expressions = new ArrayList<>(MonitoringFiles.alertRules().values());
        expressions.addAll(MonitoringFiles.dashboardQueries());
        Set<Selector> selectors = MonitoringFiles.selectors(expressions);
        Map<String, Expectation> expectations = expectations();

        assertThat(selectors).as("selectors parsed from the rules and the dashboard").hasSizeGreaterThan(15);
        Set<String> used = selectors.stream().map(Selector::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expectations.keySet()).as("metrics with an expected value = metrics the files use")
                .containsExactlyInAnyOrderElementsOf(used);
        for (Selector selector : selectors) {
            assertThat(scrape.series(selector.name(), selector.labels())).as("series " + selector).isNotEmpty();
        }
        for (String name : used) {
            expectations.get(name).check(scrape.series(name, Map.of()));
        }
    }

    @Test
    void theSummaryLineCountsTheRequestsOfItsSweep() {
        sweepTwiceOnce();

        assertThat(first.requests()).isEqualTo(4 + 1); // one request per app, one retry after the 429
        assertThat(first.line()).endsWith("; 2 dead letters; 5 API requests");
        assertThat(second.requests()).isEqualTo(4);
    }

    /** Camel starts with the first test method, so the sweeps run there, once for the class's context. */
    private void sweepTwiceOnce() {
        if (scrape != null) {
            return;
        }
        sandbox.faults(SandboxFaults.none().withThrottleNext(1));
        first = producer.requestBody("direct:sweep", null, SweepSummary.class);
        sandbox.faults(SandboxFaults.none());
        second = producer.requestBody("direct:sweep", null, SweepSummary.class);
        scrape = Scrape.parse(registry.scrape());
    }

    /** The money of the final day of both known apps, each tier rounded as the records round it. */
    private static void assertFinalCost(String tier, ToLongFunction<DailyFigures> minutes, String price) {
        BigDecimal expected = BigDecimal.ZERO;
        for (String app : KNOWN_APPS) {
            expected = expected.add(BigDecimal.valueOf(minutes.applyAsLong(SyntheticUsage.fullDay(app, FINAL_DAY)))
                    .multiply(new BigDecimal(price)).divide(BigDecimal.valueOf(1000), 6, RoundingMode.HALF_EVEN));
        }
        assertThat(scrape.sum("rtc_usage_final_cost_total", "account", "good", "currency", "USD", "tier", tier))
                .isCloseTo(expected.doubleValue(), within(1e-6));
    }

    @FunctionalInterface
    private interface Expectation {
        void check(List<Sample> samples);
    }
}
