package com.rtcusage.sandbox;

/** Ends the handling of a request with an API error answer. No stack trace: it is an answer, not a bug. */
final class ApiException extends RuntimeException {

    private final ApiError error;

    ApiException(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
