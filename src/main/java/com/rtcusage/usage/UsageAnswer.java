package com.rtcusage.usage;

import java.util.List;

/** A successful ListUsages answer: its RequestId and its day entries, one per day, not yet checked one by one. */
public record UsageAnswer(String requestId, List<UsageEntry> entries) {
}
