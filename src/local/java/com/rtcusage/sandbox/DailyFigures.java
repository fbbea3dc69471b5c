package com.rtcusage.sandbox;

import java.math.BigInteger;

/** Minutes of one app-day in the API's four price tiers (Audio, VideoSDM, VideoSD, VideoHD). */
public record DailyFigures(long audio, long video360p, long video720p, long video1080p) {

    public static final DailyFigures ZERO = new DailyFigures(0, 0, 0, 0);

    /** floor(tier × part / whole) in every tier, exactly: how much of the day the API has processed. */
    DailyFigures portion(long part, long whole) {
        return new DailyFigures(floorShare(audio, part, whole), floorShare(video360p, part, whole),
                floorShare(video720p, part, whole), floorShare(video1080p, part, whole));
    }

    private static long floorShare(long minutes, long part, long whole) {
        return BigInteger.valueOf(minutes).multiply(BigInteger.valueOf(part))
                .divide(BigInteger.valueOf(whole)).longValueExact();
    }
}
