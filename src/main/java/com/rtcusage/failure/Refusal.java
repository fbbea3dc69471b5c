package com.rtcusage.failure;

/**
 * Why Kafka refuses the service, for good: the topic concerned, the local reason ({@code code}:
 * {@code TopicAuthorizationFailed}, {@code AuthorizationFailed}, {@code RecordTooLarge},
 * {@code InvalidTimestamp}, {@code TopicMissing}, {@code InvalidKafkaConfiguration}, or the name of any
 * other error Kafka does not call retriable, e.g. {@code InvalidReplicationFactor}) and what Kafka said,
 * with nothing that may quote a secret.
 */
public record Refusal(String topic, String code, String detail) {

    /** The one line operators read. */
    public String line() {
        return "Kafka refused topic " + topic + " (" + code + "): " + detail
                + "; the sweep stopped and the next one tries again";
    }
}
