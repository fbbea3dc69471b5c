package com.rtcusage.sandbox;

import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_A;
import static com.rtcusage.sandbox.SandboxFixture.ACCOUNT_B;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Look-back counted from the arrival instant, to the nanosecond, across Beijing midnight. */
class QueryRulesTest {

    private static final QueryRules RULES = new QueryRules(SandboxFixture.settings());
    /** Beijing midnight starting 2026-12-01. */
    private static final Instant BEIJING_MIDNIGHT = Instant.parse("2026-11-30T16:00:00Z");

    @Test
    void acceptsAStartExactlyThirtyDaysBeforeArrival() {
        UsageQuery window = query("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");

        assertThatCode(() -> RULES.check(window, ACCOUNT_A, BEIJING_MIDNIGHT)).doesNotThrowAnyException();
    }

    @Test
    void refusesTheSameStartArrivingOneNanosecondAfterBeijingMidnight() {
        UsageQuery window = query("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");

        assertRefused(window, BEIJING_MIDNIGHT.plusNanos(1), ApiError.OUT_OF_TIME_RANGE, "2026-11-01T00:00+08:00");
    }

    @Test
    void refusesAWindowPlannedBeforeMidnightThatArrivesAfterIt() {
        // Planned at 23:59:59.9 Beijing on 11-30: the 30 days up to and including 11-30. Had it arrived
        // then, it was fine; it arrives at 00:00:00.1 on 12-01, when 11-01 has left the look-back.
        UsageQuery window = query("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");

        assertThatCode(() -> RULES.check(window, ACCOUNT_A, BEIJING_MIDNIGHT.minusMillis(100))).doesNotThrowAnyException();
        assertRefused(window, BEIJING_MIDNIGHT.plusMillis(100), ApiError.OUT_OF_TIME_RANGE, "arrived");
    }

    @Test
    void countsTheLookBackInInstantsWhateverTheOffsetWritten() {
        UsageQuery utc = query("2026-10-31T16:00:00Z", "2026-11-30T16:00:00Z");

        assertThatCode(() -> RULES.check(utc, ACCOUNT_A, BEIJING_MIDNIGHT)).doesNotThrowAnyException();
        assertRefused(utc, BEIJING_MIDNIGHT.plusSeconds(1), ApiError.OUT_OF_TIME_RANGE, "2026-10-31T16:00Z");
    }

    @Test
    void refusesAStartAfterArrival() {
        assertRefused(query("2026-12-01T00:00:00.001+08:00", "2026-12-02T00:00:00+08:00"), BEIJING_MIDNIGHT,
                ApiError.START_TIME_IN_FUTURE, "2026-12-01T00:00:00.001+08:00");
    }

    @Test
    void refusesMoreThanThirtyDaysOfSpan() {
        UsageQuery window = query("2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00.001+08:00");

        assertRefused(window, BEIJING_MIDNIGHT.plus(Duration.ofDays(1)), ApiError.TIME_RANGE_EXCEEDED, "30 days");
    }

    @Test
    void refusesAnotherAccountsApp() {
        UsageQuery window = new UsageQuery("app-b1", OffsetDateTime.parse("2026-11-20T00:00:00+08:00"),
                OffsetDateTime.parse("2026-11-21T00:00:00+08:00"));

        assertRefused(window, BEIJING_MIDNIGHT, ApiError.ACCESS_DENIED, "app-b1");
        assertThatCode(() -> RULES.check(window, ACCOUNT_B, BEIJING_MIDNIGHT)).doesNotThrowAnyException();
    }

    private static UsageQuery query(String start, String end) {
        return new UsageQuery("app-a1", OffsetDateTime.parse(start), OffsetDateTime.parse(end));
    }

    private static void assertRefused(UsageQuery query, Instant arrival, ApiError error, String named) {
        assertThatThrownBy(() -> RULES.check(query, ACCOUNT_A, arrival))
                .isInstanceOfSatisfying(ApiException.class, refused -> org.assertj.core.api.Assertions
                        .assertThat(refused.error()).isEqualTo(error))
                .hasMessageContaining(named);
    }
}
