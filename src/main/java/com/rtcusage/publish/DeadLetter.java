package com.rtcusage.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The value of a record on the dead-letter topic, as docs/contract.md specifies it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"account", "appId", "window", "httpStatus", "errorCode", "errorMessage", "requestId", "attempts",
        "failedAt", "body"})
public record DeadLetter(
        String account,
        String appId,
        Window window,
        Integer httpStatus,
        String errorCode,
        String errorMessage,
        String requestId,
        int attempts,
        String failedAt,
        String body) {

    /** The window the failed request asked for, RFC 3339 in Beijing time. */
    public record Window(String start, String end) {
    }
}
