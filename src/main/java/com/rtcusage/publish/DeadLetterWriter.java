package com.rtcusage.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.rtcusage.failure.Failure;
import com.rtcusage.failure.FailureKind;
import com.rtcusage.failure.Failures;
import com.rtcusage.flow.FlowNames;
import com.rtcusage.usage.ApiCallException;
import com.rtcusage.usage.UnprocessableEntryException;
import com.rtcusage.usage.UsageRequest;
import com.rtcusage.usage.UsageWindow;
import com.rtcusage.usage.WindowPlanner;
import com.rtcusage.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.stereotype.Component;

/**
 * Describes why a request or an entry could not be published, as one dead-letter record keyed by
 * AppId: the API's own error code where it gave one, the local reason of {@link Failures} otherwise.
 */
@Component(FlowNames.DEAD_LETTER_WRITER)
public class DeadLetterWriter {

    /** A dead letter's {@code body} keeps the first this many bytes of the answer. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final WindowPlanner windows;
    private final Failures failures;
    private final Clock clock;

    public DeadLetterWriter(WindowPlanner windows, Failures failures, Clock clock) {
        this.windows = windows;
        this.failures = failures;
        this.clock = clock;
    }

    /** The dead-letter JSON for the exception the exchange caught, as classified once; sets the record key. */
    public String write(@ExchangeProperty(FlowNames.USAGE_REQUEST) UsageRequest request,
            @ExchangeProperty(FlowNames.USAGE_WINDOW) UsageWindow window,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
            @ExchangeProperty(FlowNames.API_ATTEMPTS) Integer attempts,
            @Headers Map<String, Object> headers, Exchange exchange) throws JsonProcessingException {
        headers.put(KafkaConstants.KEY, request.appId());
        // a failure before the first attempt planned its window names the window it would have asked for
        UsageWindow asked = window == null ? windows.current() : window;
        return WireJson.MAPPER.writeValueAsString(letter(request, asked, failure, failures.of(exchange),
                attempts == null ? 1 : attempts));
    }

    DeadLetter letter(UsageRequest request, UsageWindow asked, Throwable failure, Failure named, int attempts) {
        DeadLetter.Window window = new DeadLetter.Window(
                UsageWindow.RFC_3339.format(asked.start()), UsageWindow.RFC_3339.format(asked.end()));
        String failedAt = RecordWriter.TIMESTAMP.format(clock.instant());
        ApiCallException api = Failures.causeOf(failure, ApiCallException.class).orElse(null);
        if (api != null) {
            return new DeadLetter(request.account(), request.appId(), window, api.httpStatus(), api.errorCode(),
                    api.errorMessage(), api.requestId(), attempts, failedAt, firstBytes(api.body()));
        }
        UnprocessableEntryException entry = Failures.causeOf(failure, UnprocessableEntryException.class).orElse(null);
        if (entry != null) {
            return new DeadLetter(request.account(), request.appId(), window, 200, named.code(),
                    entry.getMessage(), entry.entry().requestId(), attempts, failedAt, firstBytes(entry.entry().entry().toString()));
        }
        String message = failure == null ? null : failure.getMessage();
        if (named.kind() == FailureKind.UNEXPECTED && failure != null) {
            Throwable root = rootCause(failure);
            message = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return new DeadLetter(request.account(), request.appId(), window, null, named.code(), message, null, attempts,
                failedAt, null);
    }

    /** The body cut to its first {@link #MAX_BODY_BYTES} bytes of UTF-8, never inside a character. */
    static String firstBytes(String body) {
        if (body == null || body.length() * 3L <= MAX_BODY_BYTES) {
            return body;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BODY_BYTES) {
            return body;
        }
        int end = MAX_BODY_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;   // bytes[end] continues a character begun before it: cut before that character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** The innermost cause: the error itself, not Camel's wrapping of it. */
    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
