package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.KEY_A;
import static com.rtcusage.sandbox.SandboxFixture.NOW;
import static com.rtcusage.sandbox.SandboxFixture.body;
import static com.rtcusage.sandbox.UsageSandboxListUsagesIT.figures;
import static com.rtcusage.sandbox.UsageSandboxListUsagesIT.timeStamps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rtcusage.sandbox.SandboxTestClient.Reply;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer shape the API documents, switched on one at a time, as the JSON that comes back. The
 * clock is fixed at 2026-11-20 03:00 Beijing, so the API knows up to 11-19 19:00 and nothing of 11-20.
 */
class UsageSandboxAnswerShapesIT {

    private static final String WEEK = body("app-a1", "2026-11-15T00:00:00+08:00", "2026-11-21T00:00:00+08:00");
    private static final Instant CUTOFF = Instant.parse("2026-11-19T11:00:00Z");

    @RegisterExtension
    final RunningSandbox running = new RunningSandbox();

    @Test
    void leavesOutTheCurrentDayBeforeItsFirstFiguresByDefault() {
        Reply reply = running.client().listUsages(KEY_A, WEEK, NOW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(timeStamps(reply.usages())).containsExactly("2026-11-15T00:00:00+08:00",
                "2026-11-16T00:00:00+08:00", "2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00",
                "2026-11-19T00:00:00+08:00");
    }

    @Test
    void leavesOutIdleDays() {
        running.sandbox().answers(AnswerShape.volcengine().withIdleDaysLeftOut(true));

        Reply reply = running.client().listUsages(KEY_A,
                body("app-a1", "2026-10-22T00:00:00+08:00", "2026-11-21T00:00:00+08:00"), NOW);

        List<String> used = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 10, 22); day.isBefore(LocalDate.of(2026, 11, 20)); day = day.plusDays(1)) {
            if (!SyntheticUsage.idle("app-a1", day)) {
                used.add(day + "T00:00:00+08:00");
            }
        }
        assertThat(used).as("idle days in the window").hasSizeBetween(10, 28);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(timeStamps(reply.usages())).isEqualTo(used);
        reply.usages().forEach(entry -> assertThat(figures(entry)).isNotEqualTo(DailyFigures.ZERO));
    }

    @Test
    void repeatsADayTheLaterEntryWithHigherFigures() {
        running.sandbox().answers(AnswerShape.volcengine().withDayRepeated(true));

        JsonNode usages = running.client().listUsages(KEY_A, WEEK, NOW).usages();

        assertThat(timeStamps(usages)).containsExactly("2026-11-15T00:00:00+08:00", "2026-11-16T00:00:00+08:00",
                "2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00", "2026-11-19T00:00:00+08:00",
                "2026-11-19T00:00:00+08:00");
        DailyFigures reported = SyntheticUsage.reportedAt("app-a1", LocalDate.of(2026, 11, 19), CUTOFF);
        assertThat(figures(usages.get(5))).isEqualTo(reported);
        assertThat(figures(usages.get(4))).isEqualTo(new DailyFigures(reported.audio() / 2, reported.video360p() / 2,
                reported.video720p() / 2, reported.video1080p() / 2));
        assertThat(figures(usages.get(4)).video360p()).isLessThan(reported.video360p());
    }

    @Test
    void answersNewestFirst() {
        running.sandbox().answers(AnswerShape.volcengine().withNewestFirst(true));

        JsonNode usages = running.client().listUsages(KEY_A, WEEK, NOW).usages();

        assertThat(timeStamps(usages)).containsExactly("2026-11-19T00:00:00+08:00", "2026-11-18T00:00:00+08:00",
                "2026-11-17T00:00:00+08:00", "2026-11-16T00:00:00+08:00", "2026-11-15T00:00:00+08:00");
        assertThat(figures(usages.get(1))).isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 18)));
    }

    @Test
    void carriesFieldsTheClientDoesNotKnow() {
        running.sandbox().answers(AnswerShape.volcengine().withUnknownFields(true));

        JsonNode result = running.client().listUsages(KEY_A,
                body("app-a1", "2026-11-17T00:00:00+08:00", "2026-11-19T00:00:00+08:00"), NOW).json().get("Result");

        assertThat(result.get("Region").asText()).isEqualTo("cn");
        JsonNode usages = result.get("Usages");
        assertThat(usages).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.get("Region").asText()).isEqualTo("cn");
            assertThat(entry.get("Unit").asText()).isEqualTo("minute");
        });
        DailyFigures first = figures(usages.get(0));
        DailyFigures second = figures(usages.get(1));
        JsonNode total = result.get("Total");
        assertThat(total.get("Audio").asLong()).isEqualTo(first.audio() + second.audio());
        assertThat(total.get("VideoSDM").asLong()).isEqualTo(first.video360p() + second.video360p());
        assertThat(total.get("VideoSD").asLong()).isEqualTo(first.video720p() + second.video720p());
        assertThat(total.get("VideoHD").asLong()).isEqualTo(first.video1080p() + second.video1080p());
    }

    @Test
    void answersAnotherVersionThanTheOneRequested() {
        running.sandbox().answers(AnswerShape.volcengine().withVersion(AnswerShape.DOC_EXAMPLE_VERSION));

        Reply reply = running.client().listUsages(KEY_A, WEEK, NOW);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/ResponseMetadata/Version").asText()).isEqualTo("2020-12-01");
        assertThat(reply.usages()).hasSize(5);
    }

    @Test
    void writesTimeStampsWithAnotherOffsetNamingTheSameBeijingDay() {
        running.sandbox().answers(AnswerShape.volcengine().withTimeStampOffset(ZoneOffset.UTC));

        JsonNode usages = running.client().listUsages(KEY_A,
                body("app-a1", "2026-11-17T00:00:00+08:00", "2026-11-19T00:00:00+08:00"), NOW).usages();

        assertThat(timeStamps(usages)).containsExactly("2026-11-16T16:00:00Z", "2026-11-17T16:00:00Z");
        assertThat(figures(usages.get(0))).isEqualTo(SyntheticUsage.fullDay("app-a1", LocalDate.of(2026, 11, 17)));

        running.sandbox().answers(AnswerShape.volcengine().withTimeStampOffset(ZoneOffset.ofHours(-5)));
        assertThat(timeStamps(running.client().listUsages(KEY_A,
                body("app-a1", "2026-11-17T00:00:00+08:00", "2026-11-18T00:00:00+08:00"), NOW).usages()))
                .containsExactly("2026-11-16T11:00:00-05:00");
    }

    @Test
    void keepsTheSameDaysWithEveryShapeAtOnce() {
        running.sandbox().answers(AnswerShape.volcengine().withDayRepeated(true).withNewestFirst(true)
                .withUnknownFields(true).withVersion("2020-12-01").withTimeStampOffset(ZoneOffset.UTC));

        JsonNode usages = running.client().listUsages(KEY_A, WEEK, NOW).usages();

        assertThat(timeStamps(usages)).containsExactly("2026-11-18T16:00:00Z", "2026-11-18T16:00:00Z",
                "2026-11-17T16:00:00Z", "2026-11-16T16:00:00Z", "2026-11-15T16:00:00Z", "2026-11-14T16:00:00Z");
        // in descending order too, the later entry of the repeated day is the higher one
        assertThat(figures(usages.get(1)).video360p()).isGreaterThan(figures(usages.get(0)).video360p());
        assertThat(usages.get(1).get("Region").asText()).isEqualTo("cn");
    }
}
