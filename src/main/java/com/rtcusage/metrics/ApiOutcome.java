package com.rtcusage.metrics;

import com.rtcusage.publish.DeadLetters;
import com.rtcusage.usage.ApiCallException;
import java.io.IOException;

/**
 * How one ListUsages attempt ended, as the tags {@code outcome} and {@code code} of
 * {@code rtc_usage_api_requests_total}. The outcome is what operators alert on; the code is the
 * API's {@code Error.Code}, or the local reason a dead letter of the same failure carries
 * ({@code Timeout}, {@code ConnectionFailed}, {@code UnreadableResponse}), so metrics and dead
 * letters name a failure alike.
 */
public record ApiOutcome(String outcome, String code) {

    /** An answer with figures. */
    public static final ApiOutcome OK = new ApiOutcome("ok", "none");

    /** An answer without usable figures, classified as the API documents its errors. */
    public static ApiOutcome ofAnswer(Integer status, String code) {
        if (ApiCallException.isThrottled(status, code)) {
            return new ApiOutcome("throttled", code);
        }
        if (ApiCallException.isServerError(status, code)) {
            return new ApiOutcome("server_error", code);
        }
        if ("UnreadableResponse".equals(code) && (status == null || status < 400)) {
            return new ApiOutcome("unreadable", code);
        }
        return new ApiOutcome("client_error", code);
    }

    /** The failure an attempt ended with: an answer the API gave, or none at all (timeout, connection). */
    public static ApiOutcome ofFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallException answer) {
                return ofAnswer(answer.httpStatus(), answer.errorCode());
            }
        }
        String reason = DeadLetters.localReason(failure);
        if ("Timeout".equals(reason)) {
            return new ApiOutcome("timeout", reason);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return new ApiOutcome("connection_failed", reason);
            }
        }
        return new ApiOutcome("error", reason);
    }
}
