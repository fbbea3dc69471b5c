package com.rtcusage.publish;

import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.PricedUsage;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * Aggregation strategy of the per-day split: gathers the days marked {@link FlowNames#TO_PUBLISH}
 * into one {@link RecordBatch}, which becomes the body after the split. A day that failed passes
 * its exception on, as the split would without a strategy, so nothing fails silently.
 */
@Component(FlowNames.CHANGED_RECORDS)
public class ChangedRecords implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange day) {
        Exchange result = batchExchange;
        if (result == null) {
            result = new DefaultExchange(day.getContext());
            result.getIn().setBody(new RecordBatch());
        }
        if (day.getException() != null) {
            result.setException(day.getException());
        } else if (day.getProperty(FlowNames.TO_PUBLISH, false, Boolean.class)) {
            result.getIn().getBody(RecordBatch.class)
                    .add(day.getMessage(), day.getProperty(FlowNames.PRICED_USAGE, PricedUsage.class));
        }
        return result;
    }

    /** The split's result holds records to send: the answer had days, and some changed. */
    public boolean hasRecords(@Body Object body) {
        return body instanceof RecordBatch batch && !batch.isEmpty();
    }
}
