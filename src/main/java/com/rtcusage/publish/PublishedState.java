package com.rtcusage.publish;

import com.rtcusage.flow.FlowNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * The content id Kafka last acknowledged for every key, so that a sweep publishes a key again only
 * when its minutes, cost or finality changed. Filled from the topic by {@link TopicReadBack} before
 * the first sweep, then by every acknowledged batch.
 */
@Component(FlowNames.PUBLISHED_STATE)
public class PublishedState {

    private final Map<String, String> contentIdByKey = new ConcurrentHashMap<>();

    /** True when this content was never acknowledged for this key. */
    public boolean isChanged(@Header(KafkaConstants.KEY) String key, @Header(RecordWriter.CE_ID) String contentId) {
        return !contentId.equals(contentIdByKey.get(key));
    }

    /** Called only after Kafka acknowledged every record of the batch. */
    public void remember(RecordBatch batch) {
        for (Message record : batch) {
            remember(record.getHeader(KafkaConstants.KEY, String.class), record.getHeader(RecordWriter.CE_ID, String.class));
        }
    }

    /** A key and the content id Kafka holds for it. */
    void remember(String key, String contentId) {
        contentIdByKey.put(key, contentId);
    }

    /** How many keys are known. */
    int size() {
        return contentIdByKey.size();
    }
}
