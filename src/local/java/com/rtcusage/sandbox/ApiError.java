package com.rtcusage.sandbox;

/**
 * Every error the sandbox answers, with the HTTP status and {@code CodeN} the real API uses. CodeN
 * of the gateway codes follow Volcengine's public table of common errors; the
 * {@code InvalidParameter.*} business codes carry the sandbox's own numbers.
 */
enum ApiError {
    MISSING_PARAMETER(400, "MissingParameter", 100002),
    INVALID_TIMESTAMP(401, "InvalidTimestamp", 100006),
    INVALID_ACTION_OR_VERSION(404, "InvalidActionOrVersion", 100008),
    INVALID_ACCESS_KEY(401, "InvalidAccessKey", 100009),
    SIGNATURE_DOES_NOT_MATCH(401, "SignatureDoesNotMatch", 100010),
    /** A wrong or expired STS session token. Volcengine's table gives no CodeN for it: this one is the sandbox's own. */
    INVALID_SECRET_TOKEN(401, "InvalidSecretToken", 100090),
    ACCESS_DENIED(403, "AccessDenied", 100013),
    FLOW_LIMIT_EXCEEDED(429, "FlowLimitExceeded", 100018),
    INTERNAL_ERROR(500, "InternalError", 100023),
    INVALID_PARAMETER(400, "InvalidParameter", 200001),
    INVALID_TIME(400, "InvalidParameter.InvalidTime", 200002),
    TIME_RANGE_EXCEEDED(400, "InvalidParameter.TimeRangeExceeded", 200003),
    OUT_OF_TIME_RANGE(400, "InvalidParameter.OutofTimeRange", 200004),
    START_TIME_IN_FUTURE(400, "InvalidParameter.StartTimeInFuture", 200005),
    NOT_EXIST_APP_ID(400, "InvalidParameter.NotExistAppId", 200006);

    private final int status;
    private final String code;
    private final int codeN;

    ApiError(int status, String code, int codeN) {
        this.status = status;
        this.code = code;
        this.codeN = codeN;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    int codeN() {
        return codeN;
    }

    /** This error with a message naming the offending value (never a secret). */
    ApiException because(String message) {
        return new ApiException(this, message);
    }
}
