package com.rtcusage.publish;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.WindowPlanner;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The content id Kafka last acknowledged for every key, so that a sweep publishes a key again only
 * when its minutes, cost or finality changed. Filled from the topic by {@link TopicReadBack} before
 * the first sweep, then by every acknowledged record.
 * <p>
 * Kept per app, compactly, since it grows with every configured app: for each app one small table
 * of (day, 128-bit content id), about 20 bytes a day instead of two strings and a map entry
 * (~210 bytes). Days the API can no longer return are dropped as newer ones come, so a long-running
 * pod keeps about 31 days per app, not every day it ever saw. Keys not of the form
 * {@code AppId:yyyy-MM-dd} with a UUID content id (none the service writes) are kept as they are.
 */
@Component(FlowNames.PUBLISHED_STATE)
public class PublishedState {

    private static final int NOT_A_DAY = Integer.MIN_VALUE;

    private final Clock clock;
    private final Map<String, AppDays> byApp = new ConcurrentHashMap<>();
    private final Map<String, String> otherKeys = new ConcurrentHashMap<>();

    public PublishedState(Clock clock) {
        this.clock = clock;
    }

    /** True when this content was never acknowledged for this key. */
    public boolean isChanged(@Header(KafkaConstants.KEY) String key, @Header(RecordWriter.CE_ID) String contentId) {
        int separator = key.lastIndexOf(':');
        int day = epochDay(key, separator);
        UUID id = uuid(contentId);
        if (day == NOT_A_DAY || id == null) {
            return !contentId.equals(otherKeys.get(key));
        }
        AppDays days = byApp.get(key.substring(0, separator));
        return days == null || !days.holds(day, id);
    }

    /** A key and the content id Kafka holds for it: called once Kafka acknowledged the record, or read it back. */
    public void remember(@Header(KafkaConstants.KEY) String key, @Header(RecordWriter.CE_ID) String contentId) {
        int separator = key.lastIndexOf(':');
        int day = epochDay(key, separator);
        UUID id = uuid(contentId);
        if (day == NOT_A_DAY || id == null) {
            otherKeys.put(key, contentId);
            return;
        }
        int oldestKept = (int) WindowPlanner.oldestReachableDay(clock.instant()).toEpochDay() - 1;
        byApp.computeIfAbsent(key.substring(0, separator), app -> new AppDays()).put(day, id, oldestKept);
    }

    /** How many keys are known. */
    int size() {
        return byApp.values().stream().mapToInt(AppDays::size).sum() + otherKeys.size();
    }

    /** The epoch day of a key's {@code yyyy-MM-dd} after its last colon, or {@link #NOT_A_DAY}. */
    private static int epochDay(String key, int separator) {
        if (separator < 1 || key.length() - separator != 11 || key.charAt(separator + 5) != '-' || key.charAt(separator + 8) != '-') {
            return NOT_A_DAY;
        }
        try {
            int year = digits(key, separator + 1, 4);
            int month = digits(key, separator + 6, 2);
            int day = digits(key, separator + 9, 2);
            return year < 0 || month < 0 || day < 0 ? NOT_A_DAY : (int) LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NOT_A_DAY;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The content id as the UUID it was written as, or null when it is none (then kept as text). */
    private static UUID uuid(String contentId) {
        if (contentId == null || contentId.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(contentId);
            return id.toString().equals(contentId) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** One app's days and content ids, in three parallel arrays (day, high and low 64 bits). */
    private static final class AppDays {

        private int[] days = new int[4];
        private long[] ids = new long[8];
        private int size;

        synchronized boolean holds(int day, UUID id) {
            int at = indexOf(day);
            return at >= 0 && ids[2 * at] == id.getMostSignificantBits() && ids[2 * at + 1] == id.getLeastSignificantBits();
        }

        synchronized void put(int day, UUID id, int oldestKept) {
            int at = indexOf(day);
            if (at < 0) {
                dropOlderThan(oldestKept);
                if (size == days.length) {
                    days = Arrays.copyOf(days, size * 2);
                    ids = Arrays.copyOf(ids, size * 4);
                }
                at = size++;
                days[at] = day;
            }
            ids[2 * at] = id.getMostSignificantBits();
            ids[2 * at + 1] = id.getLeastSignificantBits();
        }

        synchronized int size() {
            return size;
        }

        private int indexOf(int day) {
            for (int i = 0; i < size; i++) {
                if (days[i] == day) {
                    return i;
                }
            }
            return -1;
        }

        private void dropOlderThan(int oldestKept) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (days[i] >= oldestKept) {
                    days[kept] = days[i];
                    ids[2 * kept] = ids[2 * i];
                    ids[2 * kept + 1] = ids[2 * i + 1];
                    kept++;
                }
            }
            size = kept;
        }
    }
}
