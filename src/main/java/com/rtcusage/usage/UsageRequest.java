package com.rtcusage.usage;

/** One ListUsages call to make: which account asks, for which app, over which days. */
public record UsageRequest(String account, String appId, UsageWindow window) {
}
