package com.rtcusage.sweep;

import com.rtcusage.pricing.PricedUsage;

/** Hears what a sweep does as it happens (metrics do); the sweep knows nothing of who listens. */
public interface SweepListener {

    /** Kafka acknowledged the record of this app-day. */
    default void published(PricedUsage usage) {
    }

    /** A record left out because Kafka already holds the same content. */
    default void unchanged(String account) {
    }

    /** Kafka acknowledged a dead letter; {@code reason} is its errorCode. */
    default void deadLettered(String account, String appId, String reason) {
    }

    default void finished(SweepSummary summary) {
    }
}
