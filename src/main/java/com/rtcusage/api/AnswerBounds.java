package com.rtcusage.api;

import com.rtcusage.config.RtcUsageProperties;
import com.rtcusage.usage.AnswerReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.springframework.stereotype.Component;

/**
 * Bounds what one ListUsages answer may cost, in the HTTP client, before Camel sees it: at most
 * {@link #MAX_READ_BYTES} of it are read (so Camel's stream cache never spools more), and the whole
 * exchange, from the client taking the request to the answer's last byte, ends at
 * {@code rtc-usage.api.answer-timeout} as a {@link SocketTimeoutException} (a {@code Timeout}).
 * {@code read-timeout} bounds one silence only, so an answer that trickles in would hold its thread
 * for ever. A cut or late answer's connection is discarded, never drained: the rest is never read.
 * <p>
 * The body is read here, not by Camel's response handler: a failure inside that handler leaves an
 * empty out message that resets Camel's redelivery counter, and the retries would never end.
 * The outermost step of the client's chain, so it counts the bytes Camel would see, decompressed.
 */
@Component
public class AnswerBounds implements ExecChainHandler {

    /** One byte more than an answer may have, so the reader can tell it is too large. */
    public static final int MAX_READ_BYTES = AnswerReader.MAX_ANSWER_BYTES + 1;

    private final Duration answerTimeout;
    private final ScheduledExecutorService deadlines;

    public AnswerBounds(RtcUsageProperties properties, CamelContext camel) {
        this.answerTimeout = properties.api().answerTimeout();
        this.deadlines = camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AnswerDeadline");
        if (deadlines instanceof ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true);   // answers end long before their deadline: drop it at once
        }
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            scope.execRuntime.discardEndpoint();   // closing the connection ends any read blocked on it
        }, answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                response.setEntity(new ByteArrayEntity(readAtMostTheCap(entity, scope),
                        ContentType.parseLenient(entity.getContentType()), entity.getContentEncoding()));
            }
            if (expired.get()) {
                throw new IOException("connection closed at the deadline");   // it may have looked like a clean end
            }
            return response;
        } catch (IOException | HttpException | RuntimeException e) {
            scope.execRuntime.discardEndpoint();
            if (expired.get()) {
                SocketTimeoutException timeout = new SocketTimeoutException("ListUsages answer not complete within "
                        + answerTimeout.toString().substring(2).toLowerCase(Locale.ROOT) + " (rtc-usage.api.answer-timeout)");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** The body up to the cap; a body cut there discards its connection, as closing it would drain the rest. */
    private static byte[] readAtMostTheCap(HttpEntity entity, ExecChain.Scope scope) throws IOException {
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        byte[] body = in.readNBytes(MAX_READ_BYTES);
        if (body.length < MAX_READ_BYTES) {
            in.close();   // at its end: the client hands the connection back for reuse
        } else {
            scope.execRuntime.discardEndpoint();
        }
        return body;
    }
}
