package com.rtcusage.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One element of {@code Result.Usages}, still raw, with the answer it came in. */
public record UsageEntry(UsageRequest request, String requestId, Instant fetchedAt, JsonNode entry) {
}
