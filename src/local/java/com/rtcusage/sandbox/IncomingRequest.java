package com.rtcusage.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A received request exactly as it came over the wire (raw path and query, headers, body bytes),
 * since a signature can only be verified against what was actually sent.
 */
final class IncomingRequest {

    /** Far above any ListUsages body; larger ones are refused rather than buffered. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
    }

    /** A request as received, from its parts (the headers looked up case-insensitively, as the server's are). */
    static IncomingRequest of(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        com.sun.net.httpserver.Headers received = new com.sun.net.httpserver.Headers();
        headers.forEach(received::add);
        return new IncomingRequest(method, rawPath, rawQuery, received, body);
    }

    /** Reads the exchange's body, up to one byte past {@link #MAX_BODY_BYTES} so oversize can be told. */
    static IncomingRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    String method() {
        return method;
    }

    String rawPath() {
        return rawPath;
    }

    byte[] body() {
        return body;
    }

    boolean bodyTooLarge() {
        return body.length > MAX_BODY_BYTES;
    }

    /** The first value of a header, looked up case-insensitively (the server normalises names). */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The decoded (name, value) pairs in wire order, as the signer takes them. */
    List<Map.Entry<String, String>> query() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new SimpleImmutableEntry<>(decode(name), decode(value)));
        }
        return pairs;
    }

    Optional<String> queryParameter(String name) {
        return query().stream().filter(pair -> pair.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text;
        }
    }
}
