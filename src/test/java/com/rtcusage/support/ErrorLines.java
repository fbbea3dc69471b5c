package com.rtcusage.support;

import java.util.List;

/**
 * The ERROR lines of a captured log, in plain or JSON format: structured logging, once a test in
 * the JVM turned it on, stays on for the tests after it.
 */
public final class ErrorLines {

    private ErrorLines() {
    }

    public static List<String> of(String log) {
        return log.lines().filter(line -> line.matches(".*(\\sERROR\\s|\"level\":\"ERROR\").*")).toList();
    }
}
