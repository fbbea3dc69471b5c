package com.rtcusage.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The sandbox's made-up usage. Figures are derived from a hash of (AppId, day), so they differ per
 * app and day yet are the same on every run, and tests can predict each one; the data delay is
 * applied as a share of the day, so the current day grows until it is complete.
 */
public final class SyntheticUsage {

    /** The API's days are Beijing calendar days. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private SyntheticUsage() {
    }

    /** The complete figures of {@code day} for {@code appId}: never all zero, always plausible. */
    public static DailyFigures fullDay(String appId, LocalDate day) {
        ByteBuffer hash = ByteBuffer.wrap(sha256(appId + "\n" + day));
        return new DailyFigures(
                between(hash.getInt(), 2_000, 20_000),
                between(hash.getInt(), 15_000, 150_000),
                between(hash.getInt(), 2_000, 20_000),
                between(hash.getInt(), 1_500, 15_000));
    }

    /**
     * What the API reports for {@code day} once it has processed everything before {@code cutoff}
     * (= now − data delay): floor(full × share of the day before the cutoff) per tier.
     */
    public static DailyFigures reportedAt(String appId, LocalDate day, Instant cutoff) {
        Instant start = startOf(day);
        Instant end = startOf(day.plusDays(1));
        if (!cutoff.isAfter(start)) {
            return DailyFigures.ZERO;
        }
        DailyFigures full = fullDay(appId, day);
        if (!cutoff.isBefore(end)) {
            return full;
        }
        return full.portion(Duration.between(start, cutoff).toNanos(), Duration.between(start, end).toNanos());
    }

    /**
     * Whether {@code appId} had no use at all on {@code day} when idle days are switched on
     * ({@link AnswerShape#idleDaysLeftOut()}): about one day in four, the same on every run.
     */
    public static boolean idle(String appId, LocalDate day) {
        return (sha256(appId + "\nidle\n" + day)[0] & 3) == 0;
    }

    /** Midnight of {@code day} in Beijing. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(BEIJING).toInstant();
    }

    private static long between(int hash, long min, long max) {
        return min + Integer.toUnsignedLong(hash) % (max - min + 1);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
