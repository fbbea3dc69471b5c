package com.rtcusage.failure;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UsageRequest;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What every failure the API documents, and every failure without an answer, is named and what follows from it. */
class FailuresTest {

    private static final UsageRequest REQUEST =
            new UsageRequest("prod", "app-1");
    private static final CamelContext CAMEL = new DefaultCamelContext();

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "429, FlowLimitExceeded, API_THROTTLED",
            "200, FlowLimitExceeded.Qps, API_THROTTLED",
            "429, UnreadableResponse, API_THROTTLED",
            "500, InternalError, API_SERVER_ERROR",
            "502, UnreadableResponse, API_SERVER_ERROR",
            "200, UnreadableResponse, API_UNREADABLE",
            "null, UnreadableResponse, API_UNREADABLE",
            "404, UnreadableResponse, API_REJECTED",
            "400, InvalidParameter.NotExistAppId, API_REJECTED",
            "400, InvalidParameter.OutofTimeRange, API_REJECTED",
            "401, SignatureDoesNotMatch, API_REJECTED",
            "401, InvalidAccessKey, API_REJECTED",
            "403, AccessDenied, API_REJECTED"})
    void classifiesAnAnswerByCodeAndStatus(Integer status, String code, FailureKind kind) {
        assertThat(Failures.ofAnswer(status, code)).isEqualTo(new Failure(kind, code));
    }

    @Test
    void anAnswerIsClassifiedWhereverCamelWrappedIt() {
        ApiCallException unknownApp = new ApiCallException(REQUEST, 400, "InvalidParameter.NotExistAppId", null, "r-2", "{}");

        assertThat(Failures.classify(new RuntimeCamelException(unknownApp)))
                .isEqualTo(new Failure(FailureKind.API_REJECTED, "InvalidParameter.NotExistAppId"));
    }

    @Test
    void noAnswerGetsALocalReason() {
        assertThat(Failures.classify(new SocketTimeoutException("Read timed out")))
                .isEqualTo(new Failure(FailureKind.API_TIMEOUT, "Timeout"));
        assertThat(Failures.classify(new ConnectException("Connection refused")))
                .isEqualTo(new Failure(FailureKind.API_CONNECTION_FAILED, "ConnectionFailed"));
        assertThat(Failures.classify(new NoHttpResponseException("127.0.0.1 failed to respond")))
                .isEqualTo(new Failure(FailureKind.API_CONNECTION_FAILED, "ConnectionFailed"));
        assertThat(Failures.classify(new TimeoutException("Expiring 3 record(s)")))
                .isEqualTo(new Failure(FailureKind.KAFKA_UNAVAILABLE, "KafkaUnavailable"));
        assertThat(Failures.classify(new KafkaUnavailableException("cannot read back", new IllegalStateException())))
                .isEqualTo(new Failure(FailureKind.KAFKA_UNAVAILABLE, "KafkaUnavailable"));
        assertThat(Failures.classify(new IllegalStateException("bug")))
                .isEqualTo(new Failure(FailureKind.UNEXPECTED, "IllegalStateException"));
    }

    @Test
    void theRoutesRetryWhatMaySucceedLaterAndDeadLetterWhatNeverWill() {
        Failures failures = new Failures();
        Exchange throttled = failed(new ApiCallException(REQUEST, 429, "FlowLimitExceeded", null, "r", "{}"));
        Exchange timeout = failed(new SocketTimeoutException("Read timed out"));
        Exchange rejected = failed(new ApiCallException(REQUEST, 401, "SignatureDoesNotMatch", null, "r", "{}"));
        Exchange kafka = failed(new TimeoutException("Expiring 3 record(s)"));
        Exchange bug = failed(new IllegalStateException("bug"));

        assertThat(failures.isRetryableApiCall(throttled)).isTrue();
        assertThat(failures.isRetryableApiCall(timeout)).isTrue();
        assertThat(failures.isRetryableApiCall(rejected)).isFalse();
        assertThat(failures.isPermanentApiFailure(rejected)).isTrue();
        assertThat(failures.isPermanentApiFailure(throttled)).isFalse();
        assertThat(failures.isKafkaOutage(kafka)).isTrue();
        assertThat(failures.isRetryableApiCall(kafka)).isFalse();
        assertThat(failures.isPermanentApiFailure(kafka)).isFalse();
        assertThat(failures.isRetryableApiCall(bug) || failures.isPermanentApiFailure(bug) || failures.isKafkaOutage(bug))
                .as("a bug is neither retried nor dead-lettered as if the API had said so").isFalse();
    }

    @Test
    void onWhenSeesTheFailureCamelHasMovedToExceptionCaught() {
        Exchange handling = new DefaultExchange(CAMEL);
        handling.setProperty(Exchange.EXCEPTION_CAUGHT, new ApiCallException(REQUEST, 401, "InvalidAccessKey", null, "r", "{}"));

        assertThat(new Failures().isPermanentApiFailure(handling)).isTrue();
    }

    private static Exchange failed(Exception failure) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setException(failure);
        return exchange;
    }
}
