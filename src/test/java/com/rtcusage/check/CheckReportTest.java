package com.rtcusage.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.DailyUsage;
import com.rtcusage.usage.TierMinutes;
import com.rtcusage.usage.UsageWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

/** The report check mode prints, and the exit code it decides, without Kafka or the API. */
class CheckReportTest {

    private static final CheckLine BROKERS = CheckLine.ok("Kafka brokers k1:9092", "1 broker(s) in the cluster answered");
    private static final CheckLine GOOD_APP = CheckLine.ok("app a1 of account prod", "3 of 3 days reported");
    private static final CheckLine BAD_APP = CheckLine.failed("app a2 of account prod",
            "InvalidParameter.NotExistAppId: The AppId [a2] does not exist. (HTTP 400, RequestId r1)");

    @Test
    void passesAndExitsZeroOnlyWhenEveryLinePassed() {
        assertThat(new CheckReport(List.of(BROKERS), List.of(GOOD_APP)).exitCode()).isEqualTo(CheckReport.PASSED);
        assertThat(new CheckReport(List.of(BROKERS), List.of(GOOD_APP, BAD_APP)).exitCode()).isEqualTo(CheckReport.FAILED);
        CheckLine brokersDown = CheckLine.failed("Kafka brokers k1:9092", "no broker answered within 15 s");
        assertThat(new CheckReport(List.of(brokersDown), List.of(GOOD_APP)).exitCode()).isEqualTo(CheckReport.FAILED);
    }

    @Test
    void itsCodeIsNoneOfOneShotsCodes() {
        assertThat(CheckReport.FAILED).isNotIn(0, 1, 10, 11, 12, 13);
    }

    @Test
    void printsALinePerCheckKafkaFirstThenTheCountedVerdict() {
        CheckReport report = new CheckReport(List.of(BROKERS), List.of(GOOD_APP, BAD_APP));

        assertThat(report.text().lines()).containsExactly(
                "rtc-usage check: configuration valid; nothing is published",
                "Kafka brokers k1:9092: ok, 1 broker(s) in the cluster answered",
                "app a1 of account prod: ok, 3 of 3 days reported",
                "app a2 of account prod: FAILED, InvalidParameter.NotExistAppId: The AppId [a2] does not exist."
                        + " (HTTP 400, RequestId r1)",
                "Check FAILED: Kafka 1 of 1 ok, apps 1 of 2 ok (exit code 20)");
    }

    @Test
    void anExistingTopicPassesOnlyWithEveryOperationTheServiceNeeds() {
        List<AclOperation> needs = KafkaCheck.RECORD_TOPIC_NEEDS;

        assertThat(KafkaCheck.existing("Kafka topic t", Set.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.ALTER), needs).text()).isEqualTo("Kafka topic t: ok, exists; the principal may DESCRIBE, READ, WRITE");
        assertThat(KafkaCheck.existing("Kafka topic t", Set.of(AclOperation.DESCRIBE, AclOperation.READ), needs).text())
                .isEqualTo("Kafka topic t: FAILED, exists, but the principal may not WRITE");
        assertThat(KafkaCheck.existing("Kafka topic t", null, KafkaCheck.DEAD_LETTER_TOPIC_NEEDS).text())
                .isEqualTo("Kafka topic t: ok, exists; DESCRIBE, WRITE not checked (no authorizer)");
    }

    @Test
    void sumsTheMinutesAndTheRoundedCostsOfTheDaysAsDecimals() {
        UsageWindow window = new UsageWindow(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-27"));
        List<PricedUsage> days = List.of(
                day("2026-11-24", new TierMinutes(1, 2, 3, 4), "0.100001"),
                day("2026-11-26", new TierMinutes(10, 20, 30, 40), "0.200002"));

        WindowTotals totals = WindowTotals.of(window, days, "EUR");

        assertThat(totals.cost()).isEqualTo(new BigDecimal("0.300003"));
        assertThat(totals.text()).isEqualTo("2 of 3 days reported (2026-11-24..2026-11-26); minutes audio 11, video360p 22,"
                + " video720p 33, video1080p 44 (total 110); cost USD 0.300003");
        assertThat(WindowTotals.of(window, List.of(), "EUR").text()).endsWith("(total 0); cost EUR 0.000000");
    }

    private static PricedUsage day(String day, TierMinutes minutes, String total) {
        DailyUsage usage = new DailyUsage("prod", "a1", LocalDate.parse(day), day + "T00:00:00+08:00", minutes, "r1",
                Instant.parse("2026-11-26T03:00:00Z"));
        BigDecimal zero = BigDecimal.ZERO.setScale(6);
        return new PricedUsage(usage, new Cost("USD", zero, zero, zero, zero, new BigDecimal(total), "2020-01-01"));
    }
}
