package com.rtcusage.sweep;

import java.time.Duration;

/**
 * What one sweep achieved ({@code requests}: sent to the API, retries included; {@code notReported}:
 * planned app-days the API's answers left out, neither published nor a failure). Of the apps that
 * failed, {@code appsRejected} failed for good (the API refused the request, or a day was
 * unprocessable), and {@code appsUnexpected} met an error no rule knows (a bug, dead-lettered as
 * {@code Unexpected}); the others failed for reasons that may clear (retries ran out). A sweep that was
 * stopped ({@code stoppedBy}: why, null when it ran to its end) sent no request for
 * {@code appsSkipped} apps.
 */
public record SweepSummary(
        int appsPlanned,
        int appsFailed,
        int appsRejected,
        int appsUnexpected,
        long requests,
        long published,
        long unchanged,
        long notReported,
        long deadLetters,
        Duration duration,
        int appsSkipped,
        String stoppedBy) {

    /** Every request was answered, every day reported was published or already in Kafka, nothing dead-lettered. */
    public boolean isComplete() {
        return appsFailed == 0 && deadLetters == 0 && appsSkipped == 0 && stoppedBy == null;
    }

    /** The one line operators read. */
    public String line() {
        return String.format("Sweep %s in %.2f s: apps %d ok, %d failed; records %d published, %d unchanged,"
                        + " %d not reported; %d dead letters; %d API requests",
                isComplete() ? "complete" : "INCOMPLETE", duration.toMillis() / 1000.0, appsPlanned - appsFailed - appsSkipped,
                appsFailed, published, unchanged, notReported, deadLetters, requests)
                + (stoppedBy == null ? "" : String.format("; stopped (%s), %d apps not asked", stoppedBy, appsSkipped));
    }
}
