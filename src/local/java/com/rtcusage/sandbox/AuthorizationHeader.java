package com.rtcusage.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a V4 {@code Authorization} header the sandbox needs to verify it. {@code toString()}
 * leaves the signature out, since it must never reach a log.
 */
record AuthorizationHeader(
        String accessKeyId,
        String date,
        String region,
        String service,
        List<String> signedHeaders,
        String signature) {

    private static final Pattern FORMAT = Pattern.compile(
            "HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/request\\s*,"
                    + "\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]{64})\\s*");

    private static final Pattern CLAIMED_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

    /** Empty when the header is absent or not of the form {@code HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    static Optional<AuthorizationHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AuthorizationHeader(matcher.group(1), matcher.group(2), matcher.group(3),
                matcher.group(4), List.of(matcher.group(5).toLowerCase(Locale.ROOT).split(";")),
                matcher.group(6).toLowerCase(Locale.ROOT)));
    }

    /**
     * The access key a request claims, read even from an otherwise malformed header, so such
     * requests are still counted against that key's rate limit and recorded under it.
     */
    static Optional<String> claimedAccessKeyId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = CLAIMED_KEY.matcher(value);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    String scope() {
        return date + "/" + region + "/" + service + "/request";
    }

    @Override
    public String toString() {
        return "AuthorizationHeader[accessKeyId=" + accessKeyId + ", scope=" + scope()
                + ", signedHeaders=" + signedHeaders + "]";
    }
}
