package com.rtcusage.signing;

import java.util.Map;

/**
 * The result of signing: the headers to send (Authorization included) and the intermediate
 * strings, which tests compare against the official SDK. {@code toString()} hides the headers,
 * since Authorization carries the signature.
 */
public record SignedRequest(String canonicalRequest, String stringToSign, String signature, Map<String, String> headers) {

    @Override
    public String toString() {
        return "SignedRequest[headers=" + headers.keySet() + "]";
    }
}
