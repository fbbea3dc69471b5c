package com.rtcusage.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Proves that a request was signed by the key it names, as the real gateway does: the signature is
 * recomputed from what actually arrived with the sandbox's own {@link SignatureV4}, never with the
 * client's signer, so a client bug and a tampered request fail alike. Errors name keys and headers,
 * never secrets or signatures.
 */
final class SignatureCheck {

    /** How far X-Date may be from the server clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter X_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** Headers every signature must cover; content-type too whenever the request has one. */
    private static final List<String> ALWAYS_SIGNED = List.of("host", "x-content-sha256", "x-date");

    private final SandboxSettings settings;
    private final AccessKeys keys;

    /** With the settings' keys as they are, no session tokens. */
    SignatureCheck(SandboxSettings settings) {
        this(settings, new AccessKeys(settings.accounts()));
    }

    SignatureCheck(SandboxSettings settings, AccessKeys keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /** The account that signed {@code request}, or an {@link ApiException} saying why it is refused. */
    SandboxAccount verify(IncomingRequest request, Instant now) {
        String authorizationValue = request.header("Authorization");
        if (authorizationValue == null) {
            throw ApiError.INVALID_ACCESS_KEY.because("The request carries no Authorization header.");
        }
        AuthorizationHeader authorization = AuthorizationHeader.parse(authorizationValue)
                .orElseThrow(() -> ApiError.INVALID_ACCESS_KEY.because("The Authorization header is not of the form "
                        + "'HMAC-SHA256 Credential=<ak>/<date>/<region>/<service>/request, SignedHeaders=..., Signature=...'."));
        SandboxAccount account = settings.account(authorization.accessKeyId())
                .orElseThrow(() -> ApiError.INVALID_ACCESS_KEY.because(
                        "The access key [" + authorization.accessKeyId() + "] included in the request is invalid."));

        String xDate = request.header("X-Date");
        requireFresh(xDate, now);
        requireScope(authorization, xDate);
        requireBodyHash(request);
        requireSignedHeaders(request, authorization);

        String canonicalRequest = SignatureV4.canonicalRequest(request, authorization.signedHeaders());
        String expected = SignatureV4.signature(keys.secretOf(account.accessKeyId()).reveal(), authorization.date(),
                settings.region(), settings.service(),
                SignatureV4.stringToSign(xDate, authorization.scope(), canonicalRequest));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("The request signature we calculated does not match the "
                    + "signature you provided. Check your Secret Access Key and signing method.");
        }
        keys.requireSessionToken(account.accessKeyId(), request.header("X-Security-Token"), authorization.signedHeaders(), now);
        return account;
    }

    private static void requireFresh(String xDate, Instant now) {
        if (xDate == null) {
            throw ApiError.INVALID_TIMESTAMP.because("The request carries no X-Date header.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(xDate, X_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiError.INVALID_TIMESTAMP.because("X-Date [" + xDate + "] is not of the form yyyyMMdd'T'HHmmss'Z'.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw ApiError.INVALID_TIMESTAMP.because("X-Date [" + xDate + "] is more than " + MAX_SKEW.toMinutes()
                    + " minutes away from the server time " + now + ".");
        }
    }

    private void requireScope(AuthorizationHeader authorization, String xDate) {
        String expected = xDate.substring(0, 8) + "/" + settings.region() + "/" + settings.service() + "/request";
        if (!authorization.scope().equals(expected)) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because(
                    "The credential scope [" + authorization.scope() + "] should be [" + expected + "].");
        }
    }

    private static void requireBodyHash(IncomingRequest request) {
        String claimed = request.header("X-Content-Sha256");
        String actual = SignatureV4.sha256Hex(request.body());
        if (claimed == null || !MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                claimed.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because(
                    "X-Content-Sha256 is missing or does not match the SHA-256 of the request body.");
        }
    }

    private static void requireSignedHeaders(IncomingRequest request, AuthorizationHeader authorization) {
        List<String> signed = authorization.signedHeaders();
        for (String name : ALWAYS_SIGNED) {
            if (!signed.contains(name)) {
                throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("SignedHeaders " + signed + " leave out [" + name + "].");
            }
        }
        if (request.header("Content-Type") != null && !signed.contains("content-type")) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("SignedHeaders " + signed + " leave out [content-type].");
        }
    }
}
