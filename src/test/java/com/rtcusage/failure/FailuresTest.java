package com.rtcusage.failure;

import com.rtcusage.flow.FlowNames;
import java.util.concurrent.atomic.AtomicInteger;
import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.config.UnreadableCredentialException;
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
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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
            "403, AccessDenied, API_REJECTED",
            "401, InvalidSecretToken, API_SESSION_TOKEN_REFUSED"})
    void classifiesAnAnswerByCodeAndStatus(Integer status, String code, FailureKind kind) {
        assertThat(Failures.ofAnswer(status, code)).isEqualTo(new Failure(kind, code));
    }

    @Test
    void anAnswerIsClassifiedWhereverCamelWrappedIt() {
        ApiCallException unknownApp = new ApiCallException(REQUEST, 400, "InvalidParameter.NotExistAppId", null, "r-2", "{}");

        assertThat(new Failures().classify(new RuntimeCamelException(unknownApp)))
                .isEqualTo(new Failure(FailureKind.API_REJECTED, "InvalidParameter.NotExistAppId"));
    }

    @Test
    void noAnswerGetsALocalReason() {
        assertThat(new Failures().classify(new SocketTimeoutException("Read timed out")))
                .isEqualTo(new Failure(FailureKind.API_TIMEOUT, "Timeout"));
        assertThat(new Failures().classify(new ConnectException("Connection refused")))
                .isEqualTo(new Failure(FailureKind.API_CONNECTION_FAILED, "ConnectionFailed"));
        assertThat(new Failures().classify(new NoHttpResponseException("127.0.0.1 failed to respond")))
                .isEqualTo(new Failure(FailureKind.API_CONNECTION_FAILED, "ConnectionFailed"));
        assertThat(new Failures().classify(new TimeoutException("Expiring 3 record(s)")))
                .isEqualTo(new Failure(FailureKind.KAFKA_UNAVAILABLE, "KafkaUnavailable"));
        assertThat(new Failures().classify(new KafkaUnavailableException("cannot read back", new IllegalStateException())))
                .isEqualTo(new Failure(FailureKind.KAFKA_UNAVAILABLE, "KafkaUnavailable"));
        assertThat(new Failures().classify(new IllegalStateException("bug")))
                .isEqualTo(new Failure(FailureKind.UNEXPECTED, "Unexpected"));
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
        assertThat(failures.isDeadLetteredAtOnce(rejected)).isTrue();
        assertThat(failures.isDeadLetteredAtOnce(throttled)).isFalse();
        assertThat(failures.isKafkaOutage(kafka)).isTrue();
        assertThat(failures.isRetryableApiCall(kafka)).isFalse();
        assertThat(failures.isDeadLetteredAtOnce(kafka)).isFalse();
        assertThat(failures.isRetryableApiCall(bug) || failures.isKafkaOutage(bug)).as("a bug is not retried").isFalse();
        assertThat(failures.isDeadLetteredAtOnce(bug)).as("a bug is dead-lettered at once, as Unexpected").isTrue();
    }

    @Test
    void aRefusedSessionTokenIsRetriedAndAnUnreadableCredentialFileIsNot() {
        Failures failures = new Failures();
        ApiCallException expired = new ApiCallException(REQUEST, 401, "InvalidSecretToken", "the token expired", "r", "{}");
        Exchange unreadable = failed(new RuntimeCamelException(new UnreadableCredentialException(
                "rtc-usage.accounts[1].secret-access-key-file", "rtc-usage.accounts[1].secret-access-key-file (/x) is empty")));

        assertThat(failures.isRetryableApiCall(failed(expired))).isTrue();
        assertThat(Failures.isSessionTokenRefused(new RuntimeCamelException(expired))).isTrue();
        assertThat(Failures.isSessionTokenRefused(new ApiCallException(REQUEST, 429, "FlowLimitExceeded", null, "r", "{}"))).isFalse();
        assertThat(Failures.isSessionTokenRefused(null)).as("a first attempt").isFalse();
        assertThat(failures.isRetryableApiCall(unreadable)).isFalse();
        assertThat(failures.isDeadLetteredAtOnce(unreadable)).isTrue();
        assertThat(failures.classify(unreadable.getException()))
                .isEqualTo(new Failure(FailureKind.CREDENTIALS_UNREADABLE, "CredentialsUnreadable"));
    }

    @Test
    void onWhenSeesTheFailureCamelHasMovedToExceptionCaught() {
        Exchange handling = new DefaultExchange(CAMEL);
        handling.setProperty(Exchange.EXCEPTION_CAUGHT, new ApiCallException(REQUEST, 401, "InvalidAccessKey", null, "r", "{}"));

        assertThat(new Failures().isDeadLetteredAtOnce(handling)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "topic-authorization, TopicAuthorizationFailed",
            "cluster-authorization, AuthorizationFailed",
            "record-too-large, RecordTooLarge",
            "batch-too-large, RecordTooLarge",
            "invalid-timestamp, InvalidTimestamp",
            "bad-brokers, InvalidKafkaConfiguration",
            "invalid-replication-factor, InvalidReplicationFactor",
            "policy-violation, PolicyViolation",
            "invalid-topic, InvalidTopic",
            "unsupported-version, UnsupportedVersion"})
    void whatWaitingCannotCureStopsTheSweepInsteadOfBeingRetried(String cause, String code) {
        Exception kafka = switch (cause) {
            case "topic-authorization" -> new TopicAuthorizationException(Set.of("rtc.usage.daily"));
            case "cluster-authorization" -> new ClusterAuthorizationException("Cluster authorization failed.");
            case "record-too-large" -> new RecordTooLargeException("The message is 2000 bytes when serialized");
            case "batch-too-large" -> new RecordBatchTooLargeException("The request included message batch larger");
            case "invalid-timestamp" -> new InvalidTimestampException("Timestamp 1 of message is out of range");
            case "invalid-replication-factor" -> new InvalidReplicationFactorException("Replication factor: 3 larger than available brokers: 1.");
            case "policy-violation" -> new PolicyViolationException("Topic replication factor must be 3");
            case "invalid-topic" -> new InvalidTopicException("Topic name is invalid");
            case "unsupported-version" -> new UnsupportedVersionException("The broker does not support CREATE_TOPICS");
            default -> new ConfigException("Invalid url in bootstrap.servers: not a broker");
        };
        Exchange exchange = failed(new RuntimeCamelException(new ExecutionException(kafka)));
        exchange.setProperty(Exchange.TO_ENDPOINT, "kafka://rtc.usage.daily?batchWithIndividualHeaders=true");
        Failures failures = new Failures();

        assertThat(new Failures().classify(exchange.getException())).extracting(Failure::kind, Failure::code)
                .containsExactly(FailureKind.KAFKA_REFUSED, code);
        assertThat(failures.isKafkaRefused(exchange)).isTrue();
        assertThat(failures.isKafkaOutage(exchange)).as("not waited for").isFalse();
        assertThat(failures.isRetryableApiCall(exchange) || failures.isDeadLetteredAtOnce(exchange)).isFalse();
        assertThat(failures.refusal(exchange)).get().satisfies(refusal -> {
            assertThat(refusal.code()).isEqualTo(code);
            assertThat(refusal.topic()).isEqualTo("rtc.usage.daily");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not-leader", "network", "wrapped-timeout"})
    void whatKafkaCallsRetriableIsWaitedOut(String cause) {
        Exception kafka = switch (cause) {
            case "not-leader" -> new NotLeaderOrFollowerException("This server is not the leader for that topic-partition.");
            case "network" -> new NetworkException("The server disconnected before a response was received.");
            default -> new KafkaException("send failed", new TimeoutException("Expiring 1 record(s)"));
        };
        Exchange exchange = failed(new RuntimeCamelException(new ExecutionException(kafka)));
        Failures failures = new Failures();

        assertThat(new Failures().classify(exchange.getException()).kind()).isEqualTo(FailureKind.KAFKA_UNAVAILABLE);
        assertThat(failures.isKafkaOutage(exchange)).isTrue();
        assertThat(failures.isKafkaRefused(exchange)).isFalse();
    }

    @Test
    void aProducerWaitingForItsTopicIsRefusedOnlyWhenTheBrokersSayItIsMissing() {
        TimeoutException waiting = new TimeoutException("Topic rtc.usage.daily not present in metadata after 2000 ms.");
        Failures missing = new Failures(topic -> topic.equals("rtc.usage.daily"));

        assertThat(missing.refusal(failed(waiting))).get()
                .isEqualTo(new Refusal("rtc.usage.daily", "TopicMissing", "the topic does not exist"));
        assertThat(missing.classify(waiting).kind()).as("by exception alone, the same").isEqualTo(FailureKind.KAFKA_REFUSED);
        assertThat(missing.isKafkaOutage(failed(waiting))).isFalse();
        assertThat(new Failures(topic -> false).isKafkaRefused(failed(waiting))).as("brokers away: waited for").isFalse();
        assertThat(new Failures(topic -> false).isKafkaOutage(failed(waiting))).isTrue();
    }

    @Test
    void aFailureIsClassifiedOnceAndTravelsWithItsExchangeUntilAnotherOneReplacesIt() {
        AtomicInteger asked = new AtomicInteger();
        Failures failures = new Failures(topic -> asked.incrementAndGet() > 0);
        Exchange exchange = failed(new TimeoutException("Topic rtc.usage.daily not present in metadata after 2000 ms."));

        assertThat(failures.isKafkaFailure(exchange)).isTrue();
        assertThat(failures.isKafkaRefused(exchange)).isTrue();
        assertThat(failures.refusal(exchange)).isPresent();
        assertThat(exchange.getProperty(FlowNames.FAILURE)).as("carried by the exchange").isNotNull();
        assertThat(asked).as("classified once").hasValue(1);

        exchange.setException(new SocketTimeoutException("Read timed out"));
        assertThat(failures.of(exchange).kind()).as("a retry that failed otherwise").isEqualTo(FailureKind.API_TIMEOUT);
    }

    @Test
    void aConfigurationErrorThatMayQuoteASecretIsNotRepeated() {
        Exchange exchange = failed(new ConfigException("Invalid value for sasl.jaas.config: password=\"hunter2\""));

        assertThat(new Failures().refusal(exchange)).get()
                .satisfies(refusal -> assertThat(refusal.line()).doesNotContain("hunter2").contains("InvalidKafkaConfiguration"));
    }

    private static Exchange failed(Exception failure) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.setException(failure);
        return exchange;
    }
}
