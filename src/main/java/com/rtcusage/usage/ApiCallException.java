package com.rtcusage.usage;

/**
 * A ListUsages call that did not give usable figures, with what the API said about it; what it
 * means (retry or not) is decided by {@code failure.Failures}. The message names the app, the
 * RequestId (so every retry and dead-letter log line carries it) and the code, never a credential.
 */
public class ApiCallException extends RuntimeException {

    /** The local reason of an answer that is no ListUsages answer. */
    public static final String UNREADABLE = "UnreadableResponse";

    private final Integer httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final String body;

    public ApiCallException(UsageRequest request, Integer httpStatus, String errorCode, String errorMessage,
            String requestId, String body) {
        super("ListUsages for app " + request.appId() + " of account " + request.account()
                + (requestId == null ? "" : " (RequestId " + requestId + ")") + " failed: HTTP "
                + httpStatus + " " + errorCode + (errorMessage == null ? "" : " (" + errorMessage + ")"));
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.body = body;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public String requestId() {
        return requestId;
    }

    public String body() {
        return body;
    }
}
