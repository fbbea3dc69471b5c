package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_A;
import static com.rtcusage.sandbox.SandboxFixture.CLOCK;
import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.SandboxTestClient.Reply;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A correctly signed ListUsages call gets the planned days, with the 8-hour delay applied. */
class UsageSandboxListUsagesIT {

    private UsageSandbox sandbox;

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void answersEveryBeijingDayOfTheWindowWithTheDataDelayAppliedLeavingOutTodayBeforeItsFirstFigures() {
        SandboxTestClient client = start(CLOCK);

        Reply reply = client.listUsages(KEY_A,
                body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-22T00:00:00+08:00"), NOW);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode usages = reply.usages();
        // Now is 11-20 03:00 Beijing: before 08:00 the API has nothing of 11-20 yet, let alone of 11-21.
        assertThat(timeStamps(usages)).containsExactly("2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00",
                "2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00", "2026-11-19T00:00:00+08:00");
        // The API knows everything up to 11-19 19:00 Beijing.
        assertThat(figures(usages.get(3))).isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 18)));
        DailyFigures full19 = SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 19));
        assertThat(figures(usages.get(4))).isEqualTo(new DailyFigures(full19.audio() * 19 / 24,
                full19.video360p() * 19 / 24, full19.video720p() * 19 / 24, full19.video1080p() * 19 / 24));
    }

    @Test
    void answersZeroEntriesForDaysWithoutFiguresWhenTheyAreNotLeftOut() {
        SandboxTestClient client = start(CLOCK);
        sandbox.answers(AnswerShape.volcengine().withCurrentDayLeftOut(false));

        Reply reply = client.listUsages(KEY_A,
                body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-21T00:00:00+08:00"), NOW);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode usages = reply.usages();
        assertThat(timeStamps(usages)).containsExactly("2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00",
                "2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00", "2026-11-19T00:00:00+08:00",
                "2026-11-20T00:00:00+08:00");
        // Now is 11-20 03:00 Beijing, so the API knows everything up to 11-19 19:00 Beijing.
        assertThat(figures(usages.get(3))).isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 18)));
        DailyFigures full19 = SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 19));
        assertThat(figures(usages.get(4))).isEqualTo(new DailyFigures(full19.audio() * 19 / 24,
                full19.video360p() * 19 / 24, full19.video720p() * 19 / 24, full19.video1080p() * 19 / 24));
        assertThat(figures(usages.get(4)).video360p()).isPositive().isLessThan(full19.video360p());
        assertThat(figures(usages.get(5))).isEqualTo(DailyFigures.ZERO);
    }

    @Test
    void answersTheResponseMetadataOfTheRealApi() {
        SandboxTestClient client = start(CLOCK);

        Reply reply = client.listUsages(KEY_A,
                body("app-a2", "2026-11-18T00:00:00+08:00", "2026-11-19T00:00:00+08:00"), NOW);

        JsonNode metadata = reply.json().get("ResponseMetadata");
        assertThat(metadata.get("RequestId").asText()).matches("20261120030000[0-9a-f]{12}");
        assertThat(metadata.get("Action").asText()).isEqualTo("ListUsages");
        assertThat(metadata.get("Version").asText()).isEqualTo("2023-11-01");
        assertThat(metadata.get("Service").asText()).isEqualTo("rtc");
        assertThat(metadata.get("Region").asText()).isEqualTo("cn-north-1");
        assertThat(metadata.has("Error")).isFalse();
        JsonNode entry = reply.usages().get(0);
        assertThat(entry.get("TimeStamp").asText()).isEqualTo("2026-11-18T00:00:00+08:00");
        assertThat(entry.get("Audio").isIntegralNumber()).isTrue();
        assertThat(figures(entry)).isEqualTo(SyntheticUsage.fullDay("app-a2", LocalDate.of(2026, 11, 18)));
    }

    @Test
    void leavesOutADayThatStartsBeforeStartTime() {
        SandboxTestClient client = start(CLOCK);

        Reply reply = client.listUsages(KEY_A,
                body("app-a1", "2026-11-15T05:00:00+08:00", "2026-11-18T00:00:00+08:00"), NOW);

        assertThat(timeStamps(reply.usages())).containsExactly("2026-11-16T00:00:00+08:00", "2026-11-17T00:00:00+08:00");
    }

    @Test
    void takesOffsetsOtherThanBeijingAtTheirInstant() {
        SandboxTestClient client = start(CLOCK);

        Reply reply = client.listUsages(KEY_A,
                body("app-a1", "2026-11-16T16:00:00Z", "2026-11-18T16:00:00Z"), NOW);

        assertThat(timeStamps(reply.usages())).containsExactly("2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00");
    }

    @Test
    void figuresOfTheCurrentDayGrowUntilTheDelayHasPassed() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-19T10:00:00Z"));
        SandboxTestClient client = start(new MovableClock(now));
        String body = body("app-a1", "2026-11-19T00:00:00+08:00", "2026-11-20T00:00:00+08:00");

        DailyFigures early = figures(client.listUsages(KEY_A, body, now.get()).usages().get(0)); // 18:00 Beijing
        now.set(Instant.parse("2026-11-20T00:00:00Z")); // end of 11-19 Beijing + 8 h
        DailyFigures complete = figures(client.listUsages(KEY_A, body, now.get()).usages().get(0));

        DailyFigures full = SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 19));
        assertThat(early.video360p()).isPositive().isLessThan(full.video360p());
        assertThat(complete).isEqualTo(full);
    }

    @Test
    void recordsWhoAskedForWhatAndTheAnswer() {
        SandboxTestClient client = start(CLOCK);

        Reply reply = client.listUsages(KEY_A,
                body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00"), NOW);

        assertThat(sandbox.requests()).singleElement().satisfies(recorded -> {
            assertThat(recorded.accessKeyId()).isEqualTo(ACCOUNT_A.accessKeyId());
            assertThat(recorded.appId()).isEqualTo("app-a1");
            assertThat(recorded.startTime()).isEqualTo("2026-11-15T00:00:00+08:00");
            assertThat(recorded.endTime()).isEqualTo("2026-11-16T00:00:00+08:00");
            assertThat(recorded.status()).isEqualTo(200);
            assertThat(recorded.errorCode()).isNull();
            assertThat(recorded.requestId()).isEqualTo(reply.requestId());
            assertThat(recorded.receivedAt()).isEqualTo(NOW);
        });
        sandbox.clearRequests();
        assertThat(sandbox.requests()).isEmpty();
    }

    @Test
    void givesEveryAnswerItsOwnRequestId() {
        SandboxTestClient client = start(CLOCK);
        String body = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00");

        Reply first = client.listUsages(KEY_A, body, NOW);
        Reply second = client.listUsages(KEY_A, body, NOW);

        assertThat(first.requestId()).isNotEqualTo(second.requestId());
    }

    private SandboxTestClient start(Clock clock) {
        sandbox = new UsageSandbox(SandboxFixture.settings(), clock);
        sandbox.start();
        assertThat(sandbox.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
        return new SandboxTestClient(sandbox.endpoint());
    }

    static List<String> timeStamps(JsonNode usages) {
        List<String> timeStamps = new ArrayList<>();
        usages.forEach(entry -> timeStamps.add(entry.get("TimeStamp").asText()));
        return timeStamps;
    }

    static DailyFigures figures(JsonNode entry) {
        return new DailyFigures(entry.get("Audio").asLong(), entry.get("VideoSDM").asLong(),
                entry.get("VideoSD").asLong(), entry.get("VideoHD").asLong());
    }

    /** A clock a test moves forward by hand. */
    private static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
