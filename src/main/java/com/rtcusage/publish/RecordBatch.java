package com.rtcusage.publish;

import com.rtcusage.pricing.PricedUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Message;

/**
 * The records of one answer that Kafka does not hold yet. The Kafka producer sends them as one
 * batch (each message keeps its own key and headers) and acknowledges the batch only when every
 * record in it is acknowledged; the priced app-days stay alongside for what is counted afterwards.
 */
public final class RecordBatch implements Iterable<Message> {

    private final List<Message> records = new ArrayList<>();
    private final List<PricedUsage> usages = new ArrayList<>();

    void add(Message record, PricedUsage usage) {
        records.add(record);
        usages.add(usage);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }

    /** The priced app-days, in the order of their records. */
    public List<PricedUsage> usages() {
        return Collections.unmodifiableList(usages);
    }

    @Override
    public Iterator<Message> iterator() {
        return Collections.unmodifiableList(records).iterator();
    }
}
