package com.rtcusage.usage;

import java.util.List;

/** The requests one account makes in a sweep; accounts run in parallel, their requests share one limit. */
public record AccountSweep(String account, List<UsageRequest> requests) {
}
