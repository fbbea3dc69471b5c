package com.rtcusage.usage;

/** A day entry that cannot be turned into a record; it goes to the dead-letter topic, the other days go on. */
public class UnprocessableEntryException extends RuntimeException {

    private final UsageEntry entry;

    public UnprocessableEntryException(UsageEntry entry, String problem) {
        super("Usage entry of app " + entry.request().appId() + " in answer " + entry.requestId() + " " + problem);
        this.entry = entry;
    }

    public UsageEntry entry() {
        return entry;
    }
}
