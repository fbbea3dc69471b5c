package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.usage.RejectedApiException;
import com.rtcusage.usage.RetryableApiException;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.WindowPlanner;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The outcome and code an attempt is counted under, for every kind of answer the API documents and for no answer at all. */
class ApiOutcomeTest {

    private static final UsageRequest REQUEST =
            new UsageRequest("prod", "app-1", WindowPlanner.plan(Instant.parse("2026-11-26T03:00:00Z"), 2));

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "429, FlowLimitExceeded, throttled",
            "200, FlowLimitExceeded.Qps, throttled",
            "429, UnreadableResponse, throttled",
            "500, InternalError, server_error",
            "502, UnreadableResponse, server_error",
            "200, UnreadableResponse, unreadable",
            "null, UnreadableResponse, unreadable",
            "404, UnreadableResponse, client_error",
            "400, InvalidParameter.NotExistAppId, client_error",
            "401, SignatureDoesNotMatch, client_error",
            "403, AccessDenied, client_error"})
    void classifiesAnAnswerByCodeAndStatus(Integer status, String code, String outcome) {
        assertThat(ApiOutcome.ofAnswer(status, code)).isEqualTo(new ApiOutcome(outcome, code));
    }

    @Test
    void anAnswerTheRouteFailedWithIsClassifiedAsItsAnswerWhereverItIsWrapped() {
        RetryableApiException throttled = new RetryableApiException(REQUEST, 429, "FlowLimitExceeded", "slow down", "r-1", "{}");
        RejectedApiException unknownApp = new RejectedApiException(REQUEST, 400, "InvalidParameter.NotExistAppId", null, "r-2", "{}");

        assertThat(ApiOutcome.ofFailure(throttled)).isEqualTo(new ApiOutcome("throttled", "FlowLimitExceeded"));
        assertThat(ApiOutcome.ofFailure(new RuntimeCamelException(unknownApp)))
                .isEqualTo(new ApiOutcome("client_error", "InvalidParameter.NotExistAppId"));
    }

    @Test
    void noAnswerIsNamedAsItsDeadLetterWouldBe() {
        assertThat(ApiOutcome.ofFailure(new SocketTimeoutException("Read timed out"))).isEqualTo(new ApiOutcome("timeout", "Timeout"));
        assertThat(ApiOutcome.ofFailure(new ConnectException("Connection refused")))
                .isEqualTo(new ApiOutcome("connection_failed", "ConnectionFailed"));
        assertThat(ApiOutcome.ofFailure(new NoHttpResponseException("127.0.0.1 failed to respond")))
                .isEqualTo(new ApiOutcome("connection_failed", "NoHttpResponseException"));
        assertThat(ApiOutcome.ofFailure(new IllegalStateException("bug"))).isEqualTo(new ApiOutcome("error", "IllegalStateException"));
    }
}
