package com.rtcusage.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.PricedUsage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
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
        assertThat(records.usages()).hasSize(2);
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

    private static Exchange day(String key, boolean toPublish) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(key);
        exchange.setProperty(FlowNames.TO_PUBLISH, toPublish);
        exchange.setProperty(FlowNames.PRICED_USAGE, new PricedUsage(null, null));
        return exchange;
    }
}
