package com.rtcusage.usage;

import java.util.List;

/** A successful ListUsages answer: its day entries (each with request and RequestId), not yet checked one by one. */
public record UsageAnswer(List<UsageEntry> entries) {
}
