package com.rtcusage.usage;

/**
 * One ListUsages call to make: which account asks, for which app. The days it asks for are planned
 * when each attempt leaves ({@link WindowPlanner#current()}), never once per sweep: the API counts
 * its 30-day look-back from the moment a request arrives.
 */
public record UsageRequest(String account, String appId) {
}
