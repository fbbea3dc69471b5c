package com.rtcusage.signing;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the signer sees it. {@code query} is the decoded (name, value) list in wire
 * order; {@code host} is the Host header value (default ports already stripped).
 */
public record SignableRequest(
        String method,
        String host,
        String path,
        List<Map.Entry<String, String>> query,
        Map<String, String> headers,
        byte[] body) {
}
