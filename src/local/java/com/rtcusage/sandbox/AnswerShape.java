package com.rtcusage.sandbox;

import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How successful ListUsages answers are shaped, within what the API documents, so the client is
 * proven against every shape and not just the tidiest. Switched with
 * {@link UsageSandbox#answers(AnswerShape)} or the {@code sandbox.answers.*} properties.
 *
 * @param currentDayLeftOut a day the API has no figures for yet (today before 08:00 Beijing, given
 *     the 8-hour delay, and any later day) gets no entry instead of a zero entry; on by default
 * @param idleDaysLeftOut about one day in four of each app ({@link SyntheticUsage#idle}) had no use
 *     in any tier and gets no entry
 * @param dayRepeated the newest day with figures comes twice: first with lower figures, then, later
 *     in the array, with its real ones
 * @param newestFirst entries in descending date order
 * @param unknownFields extra fields this service does not know, in every entry and in {@code Result}
 * @param version the {@code ResponseMetadata.Version} answered; null = the version requested
 * @param timeStampOffset the offset each {@code TimeStamp} is written with; the instant is always
 *     the start of the Beijing day, so {@code Z} writes Beijing 2026-12-01 as {@code 2026-11-30T16:00:00Z}
 */
public record AnswerShape(
        boolean currentDayLeftOut,
        boolean idleDaysLeftOut,
        boolean dayRepeated,
        boolean newestFirst,
        boolean unknownFields,
        String version,
        ZoneOffset timeStampOffset) {

    /** The version the API's own documentation example answers with. */
    public static final String DOC_EXAMPLE_VERSION = "2020-12-01";
    private static final ZoneOffset BEIJING_OFFSET = ZoneOffset.ofHours(8);

    public AnswerShape {
        Objects.requireNonNull(timeStampOffset, "timeStampOffset");
        if (version != null && version.isBlank()) {
            throw new IllegalArgumentException("version must be null (the requested one) or not blank");
        }
    }

    /** The default: today left out before its first figures; every other day, in order, as requested. */
    public static AnswerShape volcengine() {
        return new AnswerShape(true, false, false, false, false, null, BEIJING_OFFSET);
    }

    public AnswerShape withCurrentDayLeftOut(boolean leftOut) {
        return new AnswerShape(leftOut, idleDaysLeftOut, dayRepeated, newestFirst, unknownFields, version, timeStampOffset);
    }

    public AnswerShape withIdleDaysLeftOut(boolean leftOut) {
        return new AnswerShape(currentDayLeftOut, leftOut, dayRepeated, newestFirst, unknownFields, version, timeStampOffset);
    }

    public AnswerShape withDayRepeated(boolean repeated) {
        return new AnswerShape(currentDayLeftOut, idleDaysLeftOut, repeated, newestFirst, unknownFields, version,
                timeStampOffset);
    }

    public AnswerShape withNewestFirst(boolean descending) {
        return new AnswerShape(currentDayLeftOut, idleDaysLeftOut, dayRepeated, descending, unknownFields, version,
                timeStampOffset);
    }

    public AnswerShape withUnknownFields(boolean extraFields) {
        return new AnswerShape(currentDayLeftOut, idleDaysLeftOut, dayRepeated, newestFirst, extraFields, version,
                timeStampOffset);
    }

    public AnswerShape withVersion(String answeredVersion) {
        return new AnswerShape(currentDayLeftOut, idleDaysLeftOut, dayRepeated, newestFirst, unknownFields,
                answeredVersion, timeStampOffset);
    }

    public AnswerShape withTimeStampOffset(ZoneOffset offset) {
        return new AnswerShape(currentDayLeftOut, idleDaysLeftOut, dayRepeated, newestFirst, unknownFields, version,
                offset);
    }
}
