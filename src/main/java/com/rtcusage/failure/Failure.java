package com.rtcusage.failure;

/**
 * A failure as the service names it: its kind, and its code — the API's {@code Error.Code} where
 * the API gave one, a local reason otherwise ({@code Timeout}, {@code ConnectionFailed},
 * {@code UnreadableResponse}, {@code UnprocessableEntry}, {@code KafkaUnavailable}). Dead letters
 * and metrics carry the same code for the same failure. {@code refusal}: why Kafka refused, for
 * {@link FailureKind#KAFKA_REFUSED} only.
 */
public record Failure(FailureKind kind, String code, Refusal refusal) {

    /** Any failure but a refusal of Kafka. */
    public Failure(FailureKind kind, String code) {
        this(kind, code, null);
    }
}
