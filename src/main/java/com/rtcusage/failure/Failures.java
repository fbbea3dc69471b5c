package com.rtcusage.failure;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UnprocessableEntryException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what a failure is: routes/errors.camel.yaml asks it which failures
 * to retry, dead letters take their code from it, metrics their outcome.
 */
@Component(FlowNames.FAILURES)
public class Failures {

    /** Names any failure, wherever Camel wrapped it. */
    public static Failure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallException answer) {
                return ofAnswer(answer.httpStatus(), answer.errorCode());
            }
            if (cause instanceof UnprocessableEntryException) {
                return new Failure(FailureKind.UNPROCESSABLE_ENTRY, "UnprocessableEntry");
            }
            if (cause instanceof KafkaException || cause instanceof KafkaUnavailableException) {
                return new Failure(FailureKind.KAFKA_UNAVAILABLE, "KafkaUnavailable");
            }
            if (cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
                return new Failure(FailureKind.API_TIMEOUT, "Timeout");
            }
            if (cause instanceof IOException) {
                return new Failure(FailureKind.API_CONNECTION_FAILED, "ConnectionFailed");
            }
        }
        return new Failure(FailureKind.UNEXPECTED, failure == null ? "Unknown" : failure.getClass().getSimpleName());
    }

    /** An answer without usable figures, classified as the API documents its errors. */
    public static Failure ofAnswer(Integer status, String code) {
        if (code.startsWith("FlowLimitExceeded") || (status != null && status == 429)) {
            return new Failure(FailureKind.API_THROTTLED, code);
        }
        if ("InternalError".equals(code) || (status != null && status >= 500)) {
            return new Failure(FailureKind.API_SERVER_ERROR, code);
        }
        if (ApiCallException.UNREADABLE.equals(code) && (status == null || status < 400)) {
            return new Failure(FailureKind.API_UNREADABLE, code);
        }
        return new Failure(FailureKind.API_REJECTED, code);
    }

    /** A ListUsages call that may succeed when asked again: retried with back-off, then dead-lettered. */
    public boolean isRetryableApiCall(Exchange exchange) {
        FailureKind kind = kind(exchange);
        return kind.isApiCall() && kind.isRetryable();
    }

    /** A call or a day that asking again will not change: dead-lettered at once. */
    public boolean isPermanentApiFailure(Exchange exchange) {
        FailureKind kind = kind(exchange);
        return (kind.isApiCall() && !kind.isRetryable()) || kind == FailureKind.UNPROCESSABLE_ENTRY;
    }

    /** Kafka away for a while: the failing step waits for it. */
    public boolean isKafkaOutage(Exchange exchange) {
        return kind(exchange) == FailureKind.KAFKA_UNAVAILABLE;
    }

    private static FailureKind kind(Exchange exchange) {
        // Camel moves the exception to EXCEPTION_CAUGHT before it asks an onException's onWhen
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return classify(failure).kind();
    }
}
