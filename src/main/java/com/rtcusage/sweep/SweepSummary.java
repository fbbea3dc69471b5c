package com.rtcusage.sweep;

import java.time.Duration;

/** What one sweep achieved ({@code requests}: sent to the API, retries included); one-shot mode turns it into the exit code. */
public record SweepSummary(
        int appsPlanned,
        int appsFailed,
        long requests,
        long appDaysPlanned,
        long published,
        long unchanged,
        long deadLetters,
        Duration duration) {

    /** Every planned app-day is in Kafka (newly or already) and nothing went to the dead-letter topic. */
    public boolean isComplete() {
        return appsFailed == 0 && deadLetters == 0 && published + unchanged == appDaysPlanned;
    }

    /** The one line operators read. */
    public String line() {
        return String.format("Sweep %s in %.2f s: apps %d ok, %d failed; records %d published, %d unchanged,"
                        + " %d of %d app-days; %d dead letters; %d API requests",
                isComplete() ? "complete" : "INCOMPLETE", duration.toMillis() / 1000.0, appsPlanned - appsFailed,
                appsFailed, published, unchanged, published + unchanged, appDaysPlanned, deadLetters, requests);
    }
}
