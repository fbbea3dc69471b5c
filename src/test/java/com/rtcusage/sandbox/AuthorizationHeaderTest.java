package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the V4 Authorization header, and never showing its signature. */
class AuthorizationHeaderTest {

    private static final String SIGNATURE = "a".repeat(64);
    private static final String VALUE = "HMAC-SHA256 Credential=AKLTkey/20261120/cn-north-1/rtc/request, "
            + "SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=" + SIGNATURE;

    @Test
    void readsEveryPart() {
        assertThat(AuthorizationHeader.parse(VALUE)).hasValueSatisfying(header -> {
            assertThat(header.accessKeyId()).isEqualTo("AKLTkey");
            assertThat(header.scope()).isEqualTo("20261120/cn-north-1/rtc/request");
            assertThat(header.signedHeaders()).containsExactly("content-type", "host", "x-content-sha256", "x-date");
            assertThat(header.signature()).isEqualTo(SIGNATURE);
        });
    }

    @Test
    void refusesOtherShapes() {
        assertThat(AuthorizationHeader.parse(null)).isEmpty();
        assertThat(AuthorizationHeader.parse("Bearer token")).isEmpty();
        assertThat(AuthorizationHeader.parse(VALUE.replace("HMAC-SHA256", "AWS4-HMAC-SHA256"))).isEmpty();
        assertThat(AuthorizationHeader.parse(VALUE.replace(SIGNATURE, "abc"))).isEmpty();
    }

    @Test
    void findsTheClaimedKeyEvenInABrokenHeader() {
        assertThat(AuthorizationHeader.claimedAccessKeyId("HMAC-SHA256 Credential=AKLTkey/garbage")).hasValue("AKLTkey");
        assertThat(AuthorizationHeader.claimedAccessKeyId("Bearer token")).isEmpty();
    }

    @Test
    void hidesTheSignatureFromToString() {
        assertThat(AuthorizationHeader.parse(VALUE).orElseThrow().toString()).contains("AKLTkey").doesNotContain(SIGNATURE);
    }
}
