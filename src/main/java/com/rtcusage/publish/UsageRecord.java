package com.rtcusage.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.rtcusage.pricing.Cost;
import com.rtcusage.usage.TierMinutes;

/** The value of a record on the usage topic, field for field as docs/contract.md specifies it. */
@JsonPropertyOrder({"account", "appId", "day", "timestamp", "minutes", "cost", "final", "fetchedAt", "requestId"})
public record UsageRecord(
        String account,
        String appId,
        String day,
        String timestamp,
        TierMinutes minutes,
        Cost cost,
        @JsonProperty("final") boolean isFinal,
        String fetchedAt,
        String requestId) {
}
