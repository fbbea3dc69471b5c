package com.rtcusage.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the wire formats: the ListUsages body, the answers read, the record and
 * dead-letter values and the input of {@code ce_id}. It is the project's own, so no
 * {@code spring.jackson.*} setting can rename a field or change every {@code ce_id} at once.
 */
public final class WireJson {

    /** Money written as plain decimals ({@code 0.000000}, never {@code 0E-6}); unknown answer fields ignored. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireJson() {
    }
}
