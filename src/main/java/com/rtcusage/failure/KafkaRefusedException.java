package com.rtcusage.failure;

/**
 * Kafka refused what the service needs from it (set-up, read-back or a send) for a reason waiting
 * cannot cure; {@code topic} is the topic concerned, {@code code} the local reason (see {@link Failures}).
 */
public class KafkaRefusedException extends RuntimeException {

    private final String topic;
    private final String code;

    public KafkaRefusedException(String topic, String code, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.code = code;
    }

    public String topic() {
        return topic;
    }

    public String code() {
        return code;
    }
}
