package com.rtcusage.usage;

/** An answer that may come out right later: throttled (429), a server error (5xx), or unreadable. */
public class RetryableApiException extends ApiCallException {

    public RetryableApiException(UsageRequest request, Integer httpStatus, String errorCode, String errorMessage,
            String requestId, String body) {
        super(request, httpStatus, errorCode, errorMessage, requestId, body);
    }
}
