package com.rtcusage.sandbox;

import java.time.Instant;

/**
 * One request as the sandbox saw it, so tests can assert what the client sent and when (the
 * per-account rate limit is checked on {@code receivedNanos}).
 *
 * @param receivedNanos {@link System#nanoTime()} the moment the request arrived (after any ingress
 *     jitter, before any latency): the instant the rate limiter counted
 * @param receivedAt the sandbox clock at arrival, the "now" of the look-back and X-Date checks
 * @param accessKeyId the key named in the Authorization header (known or not); null when unreadable
 * @param appId the body's AppId when there was one; null otherwise
 * @param startTime the body's StartTime as sent, when it was a string; null otherwise
 * @param endTime the body's EndTime as sent, when it was a string; null otherwise
 * @param status the HTTP status answered
 * @param errorCode the {@code Error.Code} answered; null on success (and on a garbled 200)
 * @param requestId the {@code ResponseMetadata.RequestId} answered
 */
public record RecordedRequest(
        long receivedNanos,
        Instant receivedAt,
        String accessKeyId,
        String appId,
        String startTime,
        String endTime,
        int status,
        String errorCode,
        String requestId) {
}
