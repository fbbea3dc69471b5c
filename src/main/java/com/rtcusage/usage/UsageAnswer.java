package com.rtcusage.usage;

import java.util.List;

/** A successful ListUsages answer: its RequestId and its day entries, not yet checked one by one. */
public record UsageAnswer(UsageRequest request, String requestId, List<UsageEntry> entries) {
}
