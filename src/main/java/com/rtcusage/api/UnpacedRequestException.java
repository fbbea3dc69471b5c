package com.rtcusage.api;

import java.io.IOException;

/**
 * A request reached the HTTP client without a departure granted by the pace (none, released by a
 * stopped sweep, or already given back): it is not sent. A bug in the route if it ever happens;
 * an I/O failure to the route, so a retry asks the pace again.
 */
public class UnpacedRequestException extends IOException {

    UnpacedRequestException(String request) {
        super("Not sent, it holds no departure granted by the pace: " + request);
    }
}
