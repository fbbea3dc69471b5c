package com.rtcusage.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.wire.WireJson;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import java.net.URI;
import java.time.Clock;
import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.springframework.stereotype.Component;

/**
 * Builds and signs the ListUsages call of one attempt, after pacing and throttle, right before it
 * leaves: X-Date and the window it asks for both describe the moment it is sent.
 */
@Component(FlowNames.LIST_USAGES_SIGNER)
public class ListUsagesSigner {

    private static final String CONTENT_TYPE = "application/json";

    private final VolcSigner signer;
    private final CredentialStore credentials;
    private final String host;
    private final List<Map.Entry<String, String>> query;
    private final String httpQuery;
    private final Clock clock;

    public ListUsagesSigner(RtcUsageProperties properties, CredentialStore credentials, Clock clock) {
        this.signer = new VolcSigner(properties.api().region(), properties.api().service());
        this.credentials = credentials;
        this.host = hostHeader(properties.api().endpoint());
        this.query = List.of(new SimpleEntry<>("Action", "ListUsages"), new SimpleEntry<>("Version", properties.api().version()));
        this.httpQuery = VolcSigner.canonicalQuery(query);   // Action, Version: already in canonical order
        this.clock = clock;
    }

    /**
     * Returns the JSON body to POST and sets the signed headers and the query on the message. A retry
     * after the API refused the session token ({@code previousAttempt}) first reads the token file again.
     */
    public byte[] sign(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request,
            @ExchangeProperty(FlowNames.USAGE_WINDOW) UsageWindow window,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable previousAttempt, @Headers Map<String, Object> headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AppId", request.appId());
        fields.put("StartTime", UsageWindow.RFC_3339.format(window.start()));
        fields.put("EndTime", UsageWindow.RFC_3339.format(window.end()));
        byte[] body = json(fields);
        SignedRequest signed = signer.sign(
                new SignableRequest("POST", host, "/", query, Map.of("Content-Type", CONTENT_TYPE), body),
                Failures.isSessionTokenRefused(previousAttempt) ? credentials.renewSessionToken(request.account())
                        : credentials.credentials(request.account()),
                clock.instant());
        signed.headers().forEach((name, value) -> {
            if (!"Host".equals(name)) {
                headers.put(name, value);
            }
        });
        headers.put(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        headers.put(Exchange.HTTP_METHOD, "POST");
        headers.put(Exchange.HTTP_QUERY, httpQuery);
        return body;
    }

    /** The Host header the HTTP client will send: default ports are left out. */
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (port == 80 && "http".equals(endpoint.getScheme()))
                || (port == 443 && "https".equals(endpoint.getScheme()));
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }

    private static byte[] json(Map<String, String> fields) {
        try {
            return WireJson.MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ListUsages body", e);
        }
    }
}
