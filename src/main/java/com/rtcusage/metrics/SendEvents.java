package com.rtcusage.metrics;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Camel's events of an exchange being sent to an endpoint and coming back, handed to a listener;
 * every other event is left unheard, so the routes carry no metrics steps and pay for nothing else.
 */
final class SendEvents extends EventNotifierSupport {

    /** What a metric wants to hear of sends; {@code millis} is the time the send took. */
    interface Listener {
        default void sending(Exchange exchange, Endpoint endpoint) {
        }

        void sent(Exchange exchange, Endpoint endpoint, long millis);
    }

    private final Listener listener;

    private SendEvents(Listener listener) {
        this.listener = listener;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    /**
     * Starts passing the context's send events to the listener. Registered by the metric itself
     * rather than found as a bean: Camel looks its notifiers up while it is itself being created,
     * too early for a notifier that needs the meter registry.
     */
    static void listen(CamelContext camel, Listener listener) {
        SendEvents events = new SendEvents(listener);
        camel.getManagementStrategy().addEventNotifier(events);
        ServiceHelper.startService(events);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent || event instanceof ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            listener.sending(sending.getExchange(), sending.getEndpoint());
        } else if (event instanceof ExchangeSentEvent sent) {
            listener.sent(sent.getExchange(), sent.getEndpoint(), sent.getTimeTaken());
        }
    }
}
