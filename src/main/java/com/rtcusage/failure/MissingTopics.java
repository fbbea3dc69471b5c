package com.rtcusage.failure;

/**
 * Asks the brokers whether a topic is missing. A producer that waits for a missing topic and one
 * that cannot reach any broker fail alike ("Topic X not present in metadata"); only the brokers'
 * own answer tells the refusal from the outage.
 */
@FunctionalInterface
public interface MissingTopics {

    /** True only when a broker answered that it has no such topic; false when unsure. */
    boolean isMissing(String topic);
}
