package com.rtcusage.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The value of a record on the usage topic, field for field as DESIGN.md specifies it. */
@JsonPropertyOrder({"account", "appId", "day", "timestamp", "minutes", "cost", "final", "fetchedAt", "requestId"})
public record UsageRecord(
        String account,
        String appId,
        String day,
        String timestamp,
        Minutes minutes,
        Cost cost,
        @JsonProperty("final") boolean isFinal,
        String fetchedAt,
        String requestId) {

    /** Minutes per tier. */
    @JsonPropertyOrder({"audio", "video360p", "video720p", "video1080p"})
    public record Minutes(long audio, long video360p, long video720p, long video1080p) {
    }

    /** Money as decimal strings with exactly six fraction digits. */
    @JsonPropertyOrder({"currency", "audio", "video360p", "video720p", "video1080p", "total"})
    public record Cost(String currency, String audio, String video360p, String video720p, String video1080p,
            String total) {
    }
}
