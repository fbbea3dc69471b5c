package com.rtcusage.failure;

/** Kafka could not be reached for set-up or read-back; the sweep waits and tries again. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
