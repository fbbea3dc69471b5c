package com.rtcusage.failure;

/**
 * A failure as the service names it: its kind, and its code — the API's {@code Error.Code} where
 * the API gave one, a local reason otherwise ({@code Timeout}, {@code ConnectionFailed},
 * {@code UnreadableResponse}, {@code UnprocessableEntry}, {@code KafkaUnavailable}). Dead letters
 * and metrics carry the same code for the same failure.
 */
public record Failure(FailureKind kind, String code) {
}
