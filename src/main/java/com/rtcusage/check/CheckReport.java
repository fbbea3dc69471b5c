package com.rtcusage.check;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What check mode found, as the plain text it prints and the exit code it leaves with: 0 when every
 * line passed, {@value #FAILED} otherwise (distinct from one-shot's codes 1 and 10..13).
 *
 * @param kafka the brokers and each topic
 * @param apps one line per configured app, in configuration order
 */
public record CheckReport(List<CheckLine> kafka, List<CheckLine> apps) {

    /** Everything passed: the service can start with this configuration. */
    public static final int PASSED = 0;
    /** At least one check failed; the report says which. */
    public static final int FAILED = 20;

    public CheckReport {
        kafka = List.copyOf(kafka);
        apps = List.copyOf(apps);
    }

    public boolean passed() {
        return Stream.concat(kafka.stream(), apps.stream()).allMatch(CheckLine::passed);
    }

    public int exitCode() {
        return passed() ? PASSED : FAILED;
    }

    /** The verdict, counted: {@code Check PASSED: Kafka 3 of 3 ok, apps 5 of 5 ok (exit code 0)}. */
    public String verdict() {
        return "Check " + (passed() ? "PASSED" : "FAILED") + ": Kafka " + okCount(kafka) + " of " + kafka.size()
                + " ok, apps " + okCount(apps) + " of " + apps.size() + " ok (exit code " + exitCode() + ")";
    }

    /** The whole report: a line per check, Kafka first, then the verdict. */
    public String text() {
        return Stream.of(Stream.of("rtc-usage check: configuration valid; nothing is published"),
                        kafka.stream().map(CheckLine::text), apps.stream().map(CheckLine::text), Stream.of(verdict()))
                .flatMap(lines -> lines)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static long okCount(List<CheckLine> lines) {
        return lines.stream().filter(CheckLine::passed).count();
    }
}
