package com.rtcusage.publish;

import com.rtcusage.pricing.PricedUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * The records of one answer that Kafka does not hold yet. list-usages sends them one by one, all
 * in flight together, and remembers each as soon as Kafka acknowledged it, so a retry re-sends only
 * what was not acknowledged; the priced app-days stay alongside for what is counted afterwards.
 */
public final class RecordBatch implements Iterable<Message> {

    private final List<Message> records = new ArrayList<>();
    private final Map<String, PricedUsage> usageByKey = new HashMap<>();

    void add(Message record, PricedUsage usage) {
        records.add(record);
        usageByKey.put(record.getHeader(KafkaConstants.KEY, String.class), usage);
    }

    /** The priced app-day of the record with this key. */
    public PricedUsage usageOf(String key) {
        return usageByKey.get(key);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }

    /** The priced app-days, in the order of their records. */
    public List<PricedUsage> usages() {
        return records.stream().map(record -> usageOf(record.getHeader(KafkaConstants.KEY, String.class))).toList();
    }

    @Override
    public Iterator<Message> iterator() {
        return Collections.unmodifiableList(records).iterator();
    }
}
