package com.rtcusage.check;

/**
 * One line of the check's report: what was checked, whether it passed, and what was found. It names
 * brokers, topics, accounts and AppIds, never a credential.
 *
 * @param subject what was checked, e.g. {@code app demo-app-a1 of account demo-a}
 * @param passed whether it is ready for the service
 * @param detail what the check found: {@code ok} lines say what is fine, failed lines why
 */
public record CheckLine(String subject, boolean passed, String detail) {

    public static CheckLine ok(String subject, String detail) {
        return new CheckLine(subject, true, detail);
    }

    public static CheckLine failed(String subject, String detail) {
        return new CheckLine(subject, false, detail);
    }

    /** {@code <subject>: ok, <detail>} or {@code <subject>: FAILED, <detail>}. */
    public String text() {
        return subject + ": " + (passed ? "ok" : "FAILED") + ", " + detail;
    }
}
