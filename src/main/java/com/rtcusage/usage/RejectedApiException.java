package com.rtcusage.usage;

/** An answer that will not change by asking again: bad signature or key, unknown app, bad window. */
public class RejectedApiException extends ApiCallException {

    public RejectedApiException(UsageRequest request, Integer httpStatus, String errorCode, String errorMessage,
            String requestId, String body) {
        super(request, httpStatus, errorCode, errorMessage, requestId, body);
    }
}
