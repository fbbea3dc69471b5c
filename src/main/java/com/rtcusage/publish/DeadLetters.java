package com.rtcusage.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UnprocessableEntryException;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Component;

/**
 * Describes why a request or an entry could not be published, as one dead-letter record keyed by
 * AppId: the API's own error code where it gave one, a local reason otherwise.
 */
@Component("deadLetters")
public class DeadLetters {


    private final ObjectMapper mapper;
    private final Clock clock;

    public DeadLetters(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The dead-letter JSON for the exception the exchange caught; sets the record key. */
    public String describe(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UsageRequest request = exchange.getProperty("usageRequest", UsageRequest.class);
        int attempts = exchange.getProperty("apiAttempts", 1, Integer.class);
        DeadLetter letter = letter(request, failure, attempts);
        exchange.getMessage().setHeader(KafkaConstants.KEY, request.appId());
        exchange.getMessage().setHeader("errorCode", letter.errorCode());
        return mapper.writeValueAsString(letter);
    }

    DeadLetter letter(UsageRequest request, Throwable failure, int attempts) {
        DeadLetter.Window window = new DeadLetter.Window(
                UsageWindow.RFC_3339.format(request.window().start()),
                UsageWindow.RFC_3339.format(request.window().end()));
        String failedAt = UsageRecords.TIMESTAMP.format(clock.instant());
        if (failure instanceof ApiCallException api) {
            return new DeadLetter(request.account(), request.appId(), window, api.httpStatus(), api.errorCode(),
                    api.errorMessage(), api.requestId(), attempts, failedAt, api.body());
        }
        if (failure instanceof UnprocessableEntryException entry) {
            return new DeadLetter(request.account(), request.appId(), window, 200, "UnprocessableEntry",
                    entry.getMessage(), entry.entry().requestId(), attempts, failedAt, entry.entry().entry().toString());
        }
        return new DeadLetter(request.account(), request.appId(), window, null, localReason(failure),
                failure == null ? null : failure.getMessage(), null, attempts, failedAt, null);
    }

    /** A name for a failure the API never answered; metrics tag the same failure with it. */
    public static String localReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
                return "Timeout";
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return "ConnectionFailed";
            }
            if (cause instanceof KafkaException || cause instanceof KafkaUnavailableException) {
                return "KafkaUnavailable";
            }
        }
        return failure == null ? "Unknown" : failure.getClass().getSimpleName();
    }
}
