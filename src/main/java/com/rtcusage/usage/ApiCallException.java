package com.rtcusage.usage;

/**
 * A ListUsages call that did not give usable figures, with what the API said about it. The message
 * names the app, the RequestId (so every retry and dead-letter log line carries it) and the code,
 * never a credential.
 */
public abstract class ApiCallException extends RuntimeException {

    private final Integer httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final String body;

    protected ApiCallException(UsageRequest request, Integer httpStatus, String errorCode, String errorMessage,
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

    /** The API turned the call away for its rate (429, {@code FlowLimitExceeded*}): asking later will do. */
    public static boolean isThrottled(Integer httpStatus, String errorCode) {
        return errorCode.startsWith("FlowLimitExceeded") || (httpStatus != null && httpStatus == 429);
    }

    /** The API failed on its side (5xx, {@code InternalError}): asking again may do. */
    public static boolean isServerError(Integer httpStatus, String errorCode) {
        return "InternalError".equals(errorCode) || (httpStatus != null && httpStatus >= 500);
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
