package com.rtcusage.publish;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.utils.Utils;

/**
 * A producer partitioner that fails the first send of chosen keys the way a leader change does,
 * while the other records of the same batch go through: a batch that fails partway. Partitions as
 * Kafka's default partitioner does for keyed records.
 */
public class FailOncePartitioner implements Partitioner {

    /** Keys whose next send fails once. */
    static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (key != null && FAIL_ONCE.remove(key.toString())) {
            throw new NotLeaderOrFollowerException("test: no leader for the partition of " + key + " this once");
        }
        return Utils.toPositive(Utils.murmur2(keyBytes)) % cluster.partitionsForTopic(topic).size();
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
