package com.rtcusage.failure;

/**
 * Every way a request, a day or a Kafka send can fail, with what follows from it: whether waiting
 * may cure it, and the {@code outcome} tag of {@code rtc_usage_api_requests_total}.
 */
public enum FailureKind {

    /** 429 or {@code FlowLimitExceeded*}: the API turned the call away for its rate. */
    API_THROTTLED(true, "throttled"),
    /** 5xx or {@code InternalError}: the API failed on its side. */
    API_SERVER_ERROR(true, "server_error"),
    /** A 200 (or no status) whose body is no ListUsages answer, or one over the size limit. */
    API_UNREADABLE(true, "unreadable"),
    /** No answer within the read or connect timeout. */
    API_TIMEOUT(true, "timeout"),
    /** No connection to the API at all. */
    API_CONNECTION_FAILED(true, "connection_failed"),
    /**
     * {@code InvalidSecretToken} (401): the API refused the STS session token, above all because it
     * expired. Retried: the retried attempt reads the account's token file again before it is signed
     * (signing.ListUsagesSigner), so a token the file holds by then is used without a restart.
     */
    API_SESSION_TOKEN_REFUSED(true, "session_token_refused"),
    /** A 4xx the API will answer again: bad signature or key, unknown app, bad window, no access. */
    API_REJECTED(false, "client_error"),
    /**
     * The account's credentials cannot be had (a credential file missing, unreadable or empty): its
     * apps are dead-lettered without a request until the file is fixed; the next sweep reads it again.
     */
    CREDENTIALS_UNREADABLE(false, "credentials_unreadable"),
    /** One day of an answer that cannot become a record. */
    UNPROCESSABLE_ENTRY(false, "unprocessable"),
    /** Kafka away for a while: unreachable, no leader, timeouts. */
    KAFKA_UNAVAILABLE(true, "kafka_unavailable"),
    /**
     * Kafka answers but refuses, and will until someone changes something: no authorization, a
     * record too large, an invalid timestamp, a missing topic it may not create, an unusable client
     * configuration. The sweep stops; the next one tries again.
     */
    KAFKA_REFUSED(false, "kafka_refused"),
    /** Anything else: a bug, not an outside failure; never retried. */
    UNEXPECTED(false, "error");

    private final boolean retryable;
    private final String outcome;

    FailureKind(boolean retryable, String outcome) {
        this.retryable = retryable;
        this.outcome = outcome;
    }

    /** Waiting and asking again may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** The {@code outcome} tag of an API attempt that ended this way. */
    public String outcome() {
        return outcome;
    }

    /** Failures of the ListUsages call itself (the unit list-usages retries), as opposed to Kafka or a day. */
    public boolean isApiCall() {
        return name().startsWith("API_");
    }

    public boolean isKafka() {
        return name().startsWith("KAFKA_");
    }
}
