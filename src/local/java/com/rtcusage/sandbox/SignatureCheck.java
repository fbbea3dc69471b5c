package com.rtcusage.sandbox;

import com.rtcusage.config.Secret;
import com.rtcusage.signing.Credentials;
import com.rtcusage.signing.SignableRequest;
import com.rtcusage.signing.SignedRequest;
import com.rtcusage.signing.VolcSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Proves that a request was signed by the key it names, as the real gateway does: the signature is
 * recomputed from what actually arrived with the very signer the client uses, so a client bug and
 * a tampered request fail alike. Errors name keys and headers, never secrets or signatures.
 */
final class SignatureCheck {

    /** How far X-Date may be from the server clock. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter X_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** Headers the signer adds by itself; the rest of SignedHeaders is taken from the request. */
    private static final Set<String> SIGNER_OWN_HEADERS = Set.of("host", "x-date", "x-content-sha256", "x-security-token");

    private final SandboxSettings settings;
    private final VolcSigner signer;

    SignatureCheck(SandboxSettings settings) {
        this.settings = settings;
        this.signer = new VolcSigner(settings.region(), settings.service());
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
        Instant signedAt = signingInstant(xDate, now);
        requireScope(authorization, xDate);
        requireBodyHash(request);

        SignedRequest expected = signer.sign(signable(request, authorization), credentials(account, request, authorization),
                signedAt);
        if (!MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("The request signature we calculated does not match the "
                    + "signature you provided. Check your Secret Access Key and signing method.");
        }
        return account;
    }

    private static Instant signingInstant(String xDate, Instant now) {
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
        return signedAt;
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
        String actual = VolcSigner.sha256Hex(request.body());
        if (claimed == null || !MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                claimed.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because(
                    "X-Content-Sha256 is missing or does not match the SHA-256 of the request body.");
        }
    }

    private static SignableRequest signable(IncomingRequest request, AuthorizationHeader authorization) {
        String host = request.header("Host");
        if (host == null) {
            throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("The request carries no Host header.");
        }
        Map<String, String> signedHeaders = new LinkedHashMap<>();
        for (String name : authorization.signedHeaders()) {
            if (SIGNER_OWN_HEADERS.contains(name)) {
                continue;
            }
            String value = request.header(name);
            if (value == null) {
                throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("The signed header [" + name + "] is not in the request.");
            }
            signedHeaders.put(name, value);
        }
        return new SignableRequest(request.method(), host, request.rawPath(), request.query(), signedHeaders,
                request.body());
    }

    private static Credentials credentials(SandboxAccount account, IncomingRequest request,
            AuthorizationHeader authorization) {
        String token = authorization.signedHeaders().contains("x-security-token") ? request.header("X-Security-Token") : null;
        return new Credentials(account.accessKeyId(), account.secretAccessKey(), token == null ? null : new Secret(token));
    }
}
