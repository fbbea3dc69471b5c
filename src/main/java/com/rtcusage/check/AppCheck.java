package com.rtcusage.check;

import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.pricing.CostCalculator;
import com.rtcusage.pricing.PricedUsage;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.EntryReader;
import com.rtcusage.usage.PlannedDays;
import com.rtcusage.usage.SweepPlanner;
import com.rtcusage.usage.UnprocessableEntryException;
import com.rtcusage.usage.UsageAnswer;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ExchangeBuilder;
import org.springframework.stereotype.Component;

/**
 * Asks the API once for every configured app, through the very route a sweep calls it with
 * ({@code direct:call-list-usages}: pacing, throttle, window, signer), so a check never sends more
 * than a sweep may. One request per app, never retried: a 429 here is a failure of the pace. Each
 * answer's planned days are read and priced as their records would be, but nothing is published.
 */
@Component
public class AppCheck {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final SweepPlanner planner;
    private final PlannedDays plannedDays;
    private final EntryReader entries;
    private final CostCalculator costs;
    private final Failures failures;

    public AppCheck(CamelContext camel, ProducerTemplate producer, SweepPlanner planner, PlannedDays plannedDays,
            EntryReader entries, CostCalculator costs, Failures failures) {
        this.camel = camel;
        this.producer = producer;
        this.planner = planner;
        this.plannedDays = plannedDays;
        this.entries = entries;
        this.costs = costs;
        this.failures = failures;
    }

    /**
     * One line per app, in configuration order. All requests are handed to the route at once: the
     * pacing lets each account's leave at its limit, and accounts do not wait for each other.
     */
    public List<CheckLine> check() {
        List<CompletableFuture<CheckLine>> lines = planner.requests().stream()
                .flatMap(account -> account.requests().stream())
                .map(this::ask)
                .toList();
        return lines.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<CheckLine> ask(UsageRequest request) {
        Exchange exchange = ExchangeBuilder.anExchange(camel)
                .withProperty(FlowNames.USAGE_REQUEST, request)
                .withProperty(FlowNames.API_ATTEMPTS, 0)
                .build();
        return producer.asyncSend(FlowNames.CALL_LIST_USAGES, exchange).thenApply(done -> line(request, done));
    }

    private CheckLine line(UsageRequest request, Exchange done) {
        String subject = "app " + request.appId() + " of account " + request.account();
        if (done.getException() != null) {
            return CheckLine.failed(subject, failure(done.getException()));
        }
        if (!(done.getMessage().getBody() instanceof UsageAnswer answer)) {
            return CheckLine.failed(subject, "not asked: the service is stopping");
        }
        UsageWindow window = done.getProperty(FlowNames.USAGE_WINDOW, UsageWindow.class);
        try {
            List<PricedUsage> days = answer.entries().stream()
                    .filter(entry -> plannedDays.isPlanned(entry, window))
                    .map(entries::read)
                    .map(costs::price)
                    .toList();
            return CheckLine.ok(subject, WindowTotals.of(window, days, costs.currencyOf(request.account())).text() + " (RequestId " + answer.requestId() + ")");
        } catch (UnprocessableEntryException e) {
            return CheckLine.failed(subject, "UnprocessableEntry: " + e.getMessage());
        }
    }

    /** The API's code and message when it gave them, else the local reason a dead letter would carry. */
    private String failure(Throwable failure) {
        return Failures.causeOf(failure, ApiCallException.class)
                .map(answer -> answer.errorCode() + ": " + (answer.errorMessage() == null ? "(no message)" : answer.errorMessage())
                        + " (HTTP " + answer.httpStatus()
                        + (answer.requestId() == null ? "" : ", RequestId " + answer.requestId()) + ")")
                .orElseGet(() -> failures.classify(failure).code() + ": " + failure.getMessage());
    }
}
