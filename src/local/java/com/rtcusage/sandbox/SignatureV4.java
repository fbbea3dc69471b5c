package com.rtcusage.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Volcengine signature V4 recomputed on the receiving side, written from the published description
 * of the scheme and apart from the client's signer, so a mistake in that signer cannot verify
 * itself. Proven against the official SDK's vectors by {@code SignatureV4Test}.
 */
final class SignatureV4 {

    static final String ALGORITHM = "HMAC-SHA256";

    private static final HexFormat HEX = HexFormat.of();

    private SignatureV4() {
    }

    /**
     * Method, path, sorted query, the signed headers as listed in {@code Authorization} (lower-case
     * name, colon, trimmed value), that list, and the SHA-256 of the body, one per line.
     *
     * @throws ApiException when a signed header is not in the request
     */
    static String canonicalRequest(IncomingRequest request, List<String> signedHeaders) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = request.header(name);
            if (value == null) {
                throw ApiError.SIGNATURE_DOES_NOT_MATCH.because("The signed header [" + name + "] is not in the request.");
            }
            headers.append(name).append(':').append(value.trim()).append('\n');
        }
        return request.method() + "\n"
                + request.rawPath() + "\n"
                + canonicalQuery(request.query()) + "\n"
                + headers + "\n"
                + String.join(";", signedHeaders) + "\n"
                + sha256Hex(request.body());
    }

    /** {@code HMAC-SHA256}, X-Date, scope and the hex SHA-256 of the canonical request, one per line. */
    static String stringToSign(String xDate, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + xDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex HMAC of the string to sign under HMAC(HMAC(HMAC(HMAC(secret, date), region), service), "request"). */
    static String signature(String secret, String date, String region, String service, String stringToSign) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date, region, service, "request"}) {
            key = hmacSha256(key, part);
        }
        return HEX.formatHex(hmacSha256(key, stringToSign));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Sorted by decoded name (stable: repeated names keep their order), names and values RFC 3986 encoded. */
    private static String canonicalQuery(List<Map.Entry<String, String>> query) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(query);
        sorted.sort(Comparator.comparing(Map.Entry::getKey));
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> parameter : sorted) {
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(parameter.getKey())).append('=').append(percentEncode(parameter.getValue()));
        }
        return canonical.toString();
    }

    /** Unreserved characters (A-Z a-z 0-9 - _ . ~) as they are, every other UTF-8 byte as %XX. */
    private static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved) {
                encoded.append(c);
            } else {
                encoded.append(String.format("%%%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
