package com.rtcusage.sweep;

import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.AccountSweep;
import java.util.List;

/** Hears what a sweep does as it happens (metrics do); the sweep knows nothing of who listens. */
public interface SweepListener {

    /** A sweep begins with this plan: the accounts and their apps. */
    default void started(List<AccountSweep> plan) {
    }

    /** A request of this account is about to leave for the API, retries included. */
    default void requestSent(String account) {
    }

    /** The API turned an attempt of this account away for its rate (429 {@code FlowLimitExceeded}). */
    default void throttled(String account) {
    }

    /** The API answered with figures for this app; {@code daysNotReported} planned days were left out. */
    default void answered(String account, String appId, int daysNotReported) {
    }

    /** The sweep was stopped before this app's request left: the app is not asked this sweep. */
    default void notAsked(String account, String appId) {
    }

    /** Kafka did not acknowledge this app's records and the sweep no longer waits: the app failed. */
    default void unpublished(String account, String appId) {
    }

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
