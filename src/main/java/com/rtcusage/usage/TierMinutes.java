package com.rtcusage.usage;

/** Minutes of one app-day in the API's four price tiers. */
public record TierMinutes(long audio, long video360p, long video720p, long video1080p) {
}
