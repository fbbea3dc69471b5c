package com.rtcusage.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.signing.Credentials;
import com.rtcusage.signing.SignableRequest;
import com.rtcusage.signing.SignedRequest;
import com.rtcusage.signing.VolcSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Talks to the sandbox over real loopback HTTP, signing like the product does (same signer). */
final class SandboxTestClient {

    static final String QUERY = "Action=ListUsages&Version=2023-11-01";
    private static final Set<String> RESTRICTED = Set.of("Host");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final VolcSigner signer = new VolcSigner("cn-north-1", "rtc");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SandboxTestClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A correctly signed ListUsages call. */
    Reply listUsages(Credentials credentials, String body, Instant signedAt) {
        return send(signed("POST", QUERY, credentials, body, signedAt).POST(publisher(body)).build());
    }

    /**
     * A request signed over {@code signedBody} and {@code query}; the caller picks method and the
     * body actually sent, which is how tampering is simulated.
     */
    HttpRequest.Builder signed(String method, String query, Credentials credentials, String signedBody,
            Instant signedAt) {
        List<Map.Entry<String, String>> pairs = query.isEmpty() ? List.of() : java.util.Arrays.stream(query.split("&"))
                .map(pair -> (Map.Entry<String, String>) new SimpleEntry<>(pair.split("=")[0], pair.split("=")[1]))
                .toList();
        SignedRequest signedRequest = signer.sign(
                new SignableRequest(method, endpoint.getRawAuthority(), "/", pairs,
                        Map.of("Content-Type", "application/json"), signedBody.getBytes(StandardCharsets.UTF_8)),
                credentials, signedAt);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + "/?" + query))
                .timeout(Duration.ofSeconds(10));
        signedRequest.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name)) {
                builder.header(name, value);
            }
        });
        return builder;
    }

    static HttpRequest.BodyPublisher publisher(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }

    Reply send(HttpRequest request) {
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An answer: status, raw body and how long the call took. */
    record Reply(int status, String body, long elapsedNanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("ResponseMetadata").path("Error").path("Code").asText(null);
        }

        String errorMessage() {
            return json().path("ResponseMetadata").path("Error").path("Message").asText(null);
        }

        String requestId() {
            return json().path("ResponseMetadata").path("RequestId").asText(null);
        }

        JsonNode usages() {
            return json().path("Result").path("Usages");
        }
    }
}
