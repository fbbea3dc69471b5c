package com.rtcusage.sandbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code RequestId}s shaped like the API's (Beijing yyyyMMddHHmmss + 12 hex digits). The hex part
 * counts up from a random start, so ids never repeat within a sandbox even under a fixed clock.
 */
final class RequestIds {

    private static final DateTimeFormatter PREFIX =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(SyntheticUsage.BEIJING);
    private static final long HEX_MASK = 0xFFFF_FFFF_FFFFL;

    private final AtomicLong counter = new AtomicLong(new SecureRandom().nextLong());

    String next(Instant now) {
        return PREFIX.format(now) + String.format("%012x", counter.getAndIncrement() & HEX_MASK);
    }
}
