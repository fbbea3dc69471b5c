package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.Cost;
import com.rtcusage.pricing.PricedUsage;
import java.math.BigDecimal;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The split of an answer's days gathers exactly the changed ones, and passes on a day's failure. */
class ChangedRecordsTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private final ChangedRecords strategy = new ChangedRecords();

    @Test
    void gathersTheDaysMarkedToPublishInOrder() {
        Exchange batch = strategy.aggregate(null, day("a:1", true));
        batch = strategy.aggregate(batch, day("a:2", false));
        batch = strategy.aggregate(batch, day("a:3", true));

        RecordBatch records = batch.getIn().getBody(RecordBatch.class);
        assertThat(records).extracting(message -> message.getBody(String.class)).containsExactly("a:1", "a:3");
        assertThat(records.usages()).containsExactly(usage("a:1"), usage("a:3"));
        assertThat(records.usageOf("a:3")).isEqualTo(usage("a:3"));
        assertThat(records.usageOf("a:2")).as("not marked to publish").isNull();
        assertThat(strategy.hasRecords(records)).isTrue();
    }

    @Test
    void nothingChangedIsNothingToSend() {
        Exchange batch = strategy.aggregate(null, day("a:1", false));

        assertThat(strategy.hasRecords(batch.getIn().getBody())).isFalse();
        assertThat(strategy.hasRecords(null)).isFalse();
    }

    @Test
    void aFailedDayFailsTheBatch() {
        Exchange failed = day("a:2", true);
        failed.setException(new IllegalStateException("bad day"));

        Exchange batch = strategy.aggregate(strategy.aggregate(null, day("a:1", true)), failed);

        assertThat(batch.getException()).hasMessage("bad day");
    }

    /** A day's exchange as record-day leaves it: its record keyed, its priced usage beside it. */
    private static Exchange day(String key, boolean toPublish) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(key);
        exchange.getMessage().setHeader(KafkaConstants.KEY, key);
        exchange.setProperty(FlowNames.TO_PUBLISH, toPublish);
        exchange.setProperty(FlowNames.PRICED_USAGE, usage(key));
        return exchange;
    }

    /** A priced usage told apart from the others by its key, written as the currency. */
    private static PricedUsage usage(String key) {
        return new PricedUsage(null, new Cost(key, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "2020-01-01"));
    }
}
