package com.rtcusage.failure;

import com.rtcusage.config.UnreadableCredentialException;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UnprocessableEntryException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what a failure is. A failure is classified once, by whoever asks
 * first ({@link #of(Exchange)}: the metrics of the attempt, or routes/9-errors' first onWhen), and
 * the classification travels with the exchange (property {@value FlowNames#FAILURE}): the routes'
 * predicates, dead letters, the summary and metrics read it and never decide themselves. No
 * predicate does I/O: whether a topic is missing is what Kafka said at the start of the sweep
 * ({@link MissingTopics}).
 */
@Component(FlowNames.FAILURES)
public class Failures {

    /** How the producer fails when its topic is missing, and also when no broker answers at all. */
    private static final Pattern NOT_IN_METADATA = Pattern.compile("Topic (\\S+?)\\.? not present in metadata");
    /** Words next to which a configuration error may quote a secret. */
    private static final Pattern SECRET_WORDS = Pattern.compile("(?i)password|secret|jaas|token|credential|key");

    /**
     * Volcengine's gateway code for an STS session token it refuses, expired above all (401; its
     * table of common errors: "Invalid secret token, msg: %s", wrong or expired STS token).
     */
    public static final String SESSION_TOKEN_REFUSED = "InvalidSecretToken";

    /** The reason of an error no rule knows: a bug, not an outside failure. */
    public static final String UNEXPECTED = "Unexpected";

    private final MissingTopics missingTopics;

    /** Without brokers to ask: a producer waiting for its topic counts as Kafka being away. */
    public Failures() {
        this(topic -> false);
    }

    @Autowired
    public Failures(MissingTopics missingTopics) {
        this.missingTopics = missingTopics;
    }

    /**
     * The exchange's failure, classified when first asked and then read from the exchange, for as
     * long as the exchange carries the same exception (a retry that fails otherwise is asked anew).
     */
    public Failure of(Exchange exchange) {
        Throwable failure = failureOf(exchange);
        Classified known = exchange.getProperty(FlowNames.FAILURE, Classified.class);
        if (known != null && known.cause() == failure) {
            return known.failure();
        }
        Failure named = classify(failure, failedTopic(exchange));
        exchange.setProperty(FlowNames.FAILURE, new Classified(failure, named));
        return named;
    }

    /** A failure and what it was classified as, kept on its exchange. */
    private record Classified(Throwable cause, Failure failure) {
    }

    /** Names any failure, wherever Camel wrapped it; a refusal's topic unknown unless the exception names it. */
    public Failure classify(Throwable failure) {
        return classify(failure, "unknown");
    }

    private Failure classify(Throwable failure, String topic) {
        Optional<Refusal> refusal = refusal(failure, topic).or(() -> missingTopic(failure));
        if (refusal.isPresent()) {
            return new Failure(FailureKind.KAFKA_REFUSED, refusal.get().code(), refusal.get());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallException answer) {
                return ofAnswer(answer.httpStatus(), answer.errorCode());
            }
            if (cause instanceof UnreadableCredentialException) {
                return new Failure(FailureKind.CREDENTIALS_UNREADABLE, UnreadableCredentialException.CODE);
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
        return new Failure(FailureKind.UNEXPECTED, UNEXPECTED);
    }

    /**
     * The refusals a failure shows by its class alone, wherever Camel or a client wrapped it;
     * {@code topic} stands in where the exception names none.
     */
    public static Optional<Refusal> refusal(Throwable failure, String topic) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkaRefusedException refused) {
                return Optional.of(new Refusal(refused.topic(), refused.code(), refused.getMessage()));
            }
            if (cause instanceof TopicAuthorizationException denied) {
                String named = denied.unauthorizedTopics().isEmpty() ? topic : String.join(",", denied.unauthorizedTopics());
                return Optional.of(new Refusal(named, "TopicAuthorizationFailed", denied.getMessage()));
            }
            if (cause instanceof AuthorizationException) {
                return Optional.of(new Refusal(topic, "AuthorizationFailed", cause.getMessage()));
            }
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
                return Optional.of(new Refusal(topic, "RecordTooLarge", cause.getMessage()));
            }
            if (cause instanceof InvalidTimestampException) {
                return Optional.of(new Refusal(topic, "InvalidTimestamp", cause.getMessage()));
            }
            if (cause instanceof ConfigException) {
                String said = String.valueOf(cause.getMessage());
                return Optional.of(new Refusal(topic, "InvalidKafkaConfiguration", SECRET_WORDS.matcher(said).find()
                        ? "the Kafka client configuration is invalid (details withheld: they may quote a secret)" : said));
            }
            if (isNamedNonRetriable(cause)) {
                return Optional.of(new Refusal(topic, cause.getClass().getSimpleName().replaceFirst("Exception$", ""),
                        cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * Kafka's own hierarchy says what waiting can cure: an error it names (a subclass of its
     * KafkaException) that is no RetriableException never clears by itself, so it is a refusal
     * (a replication factor above the brokers, a topic policy, an invalid topic name, an
     * unsupported version). A bare KafkaException only wraps its cause, and an interrupted client
     * is a stopping one: neither decides.
     */
    private static boolean isNamedNonRetriable(Throwable cause) {
        return cause instanceof KafkaException && cause.getClass() != KafkaException.class
                && !(cause instanceof RetriableException) && !(cause instanceof InterruptException);
    }

    /** An answer without usable figures, classified as the API documents its errors. */
    public static Failure ofAnswer(Integer status, String code) {
        if (code.startsWith("FlowLimitExceeded") || (status != null && status == 429)) {
            return new Failure(FailureKind.API_THROTTLED, code);
        }
        if (SESSION_TOKEN_REFUSED.equals(code)) {
            return new Failure(FailureKind.API_SESSION_TOKEN_REFUSED, code);
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
        FailureKind kind = of(exchange).kind();
        return kind.isApiCall() && kind.isRetryable();
    }

    /**
     * A call or a day that asking again will not change, an account without usable credentials, or
     * an error no rule knows (a bug): dead-lettered at once.
     */
    public boolean isDeadLetteredAtOnce(Exchange exchange) {
        FailureKind kind = of(exchange).kind();
        return (kind.isApiCall() && !kind.isRetryable()) || kind == FailureKind.UNPROCESSABLE_ENTRY
                || kind == FailureKind.CREDENTIALS_UNREADABLE || kind == FailureKind.UNEXPECTED;
    }

    /** The attempt before this one was refused for its STS session token: read the token file again before signing. */
    public static boolean isSessionTokenRefused(Throwable previousAttempt) {
        return causeOf(previousAttempt, ApiCallException.class)
                .map(answer -> ofAnswer(answer.httpStatus(), answer.errorCode()).kind() == FailureKind.API_SESSION_TOKEN_REFUSED)
                .orElse(false);
    }

    /** The first cause of this type, wherever Camel or a client wrapped it. */
    public static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** Kafka away for a while: the failing step waits for it. */
    public boolean isKafkaOutage(Exchange exchange) {
        return of(exchange).kind() == FailureKind.KAFKA_UNAVAILABLE;
    }

    /** Kafka away or refusing: the failing step waits for it, or the sweep stops. */
    public boolean isKafkaFailure(Exchange exchange) {
        return of(exchange).kind().isKafka();
    }

    /** Kafka refuses for a reason waiting cannot cure: the sweep stops, the next one tries again. */
    public boolean isKafkaRefused(Exchange exchange) {
        return of(exchange).kind() == FailureKind.KAFKA_REFUSED;
    }

    /**
     * Why Kafka refused the exchange's failure, if it did. The topic is the one the exception
     * names, else the one of the Kafka endpoint the exchange failed at.
     */
    public Optional<Refusal> refusal(Exchange exchange) {
        return Optional.ofNullable(of(exchange).refusal());
    }

    /** A producer that gave up waiting for its topic's metadata, and the brokers said the topic is missing. */
    private Optional<Refusal> missingTopic(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher waiting = NOT_IN_METADATA.matcher(String.valueOf(cause.getMessage()));
            if (cause instanceof TimeoutException && waiting.find()) {
                String topic = waiting.group(1);
                return missingTopics.isMissing(topic)
                        ? Optional.of(new Refusal(topic, "TopicMissing", "the topic does not exist")) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The topic of the Kafka endpoint the exchange failed at (or was last sent to), from its URI. */
    private static String failedTopic(Exchange exchange) {
        String uri = exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        if (uri == null || !uri.startsWith("kafka:")) {
            uri = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
        }
        if (uri == null || !uri.startsWith("kafka:")) {
            return "unknown";
        }
        String topic = uri.substring("kafka:".length()).replaceFirst("^//", "");
        int query = topic.indexOf('?');
        return query < 0 ? topic : topic.substring(0, query);
    }

    /** The exchange's exception; Camel has moved it aside by the time it asks whether to retry. */
    private static Throwable failureOf(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
