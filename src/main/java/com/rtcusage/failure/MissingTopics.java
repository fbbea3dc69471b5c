package com.rtcusage.failure;

/**
 * Whether the brokers said a topic is missing, when they were last asked (once per sweep, never
 * while a failure is classified). A producer that waits for a missing topic and one that cannot
 * reach any broker fail alike ("Topic X not present in metadata"); only the brokers' own answer
 * tells the refusal from the outage.
 */
@FunctionalInterface
public interface MissingTopics {

    /** True only when a broker answered that it has no such topic; false when unsure. No I/O. */
    boolean isMissing(String topic);
}
