package com.rtcusage.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * The window and ownership rules ListUsages enforces: a window of at most 30 days, starting no more
 * than 30 days before the request arrived and not after it, for an app of the calling account.
 * "Now" is the sandbox clock when the request reached it (after any ingress jitter), never when the
 * answer is made, so a request that arrives a moment after the edge is refused however fast it is answered.
 */
final class QueryRules {

    static final Duration MAX_SPAN = Duration.ofDays(30);
    static final Duration MAX_LOOKBACK = Duration.ofDays(30);

    private final SandboxSettings settings;

    QueryRules(SandboxSettings settings) {
        this.settings = settings;
    }

    /** @param now the sandbox clock at the request's arrival */
    void check(UsageQuery query, SandboxAccount caller, Instant now) {
        Instant start = query.startTime().toInstant();
        Instant end = query.endTime().toInstant();
        if (!end.isAfter(start)) {
            throw ApiError.TIME_RANGE_EXCEEDED.because("EndTime [" + query.endTime() + "] is not after StartTime ["
                    + query.startTime() + "].");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw ApiError.TIME_RANGE_EXCEEDED.because("StartTime [" + query.startTime() + "] to EndTime ["
                    + query.endTime() + "] spans more than " + MAX_SPAN.toDays() + " days.");
        }
        if (start.isBefore(now.minus(MAX_LOOKBACK))) {
            throw ApiError.OUT_OF_TIME_RANGE.because("StartTime [" + query.startTime() + "] is more than "
                    + MAX_LOOKBACK.toDays() + " days before the request arrived (" + now + ").");
        }
        if (start.isAfter(now)) {
            throw ApiError.START_TIME_IN_FUTURE.because("StartTime [" + query.startTime() + "] is in the future (now "
                    + now + ").");
        }
        SandboxAccount owner = settings.ownerOf(query.appId())
                .orElseThrow(() -> ApiError.NOT_EXIST_APP_ID.because("The AppId [" + query.appId() + "] does not exist."));
        if (!owner.accessKeyId().equals(caller.accessKeyId())) {
            throw ApiError.ACCESS_DENIED.because("The access key [" + caller.accessKeyId()
                    + "] is not authorized to perform ListUsages on AppId [" + query.appId() + "].");
        }
    }
}
