package com.rtcusage.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON the real API answers with: {@code ResponseMetadata} always, {@code Result} or {@code Error}. */
final class ResponseBodies {

    static final String ACTION = "ListUsages";
    static final String VERSION = "2023-11-01";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final SandboxSettings settings;

    ResponseBodies(SandboxSettings settings) {
        this.settings = settings;
    }

    byte[] success(String requestId, List<UsageEntry> entries, AnswerShape shape) {
        ObjectNode root = JSON.createObjectNode();
        metadata(root, requestId, shape.version() == null ? VERSION : shape.version());
        ObjectNode result = root.putObject("Result");
        ArrayNode usages = result.putArray("Usages");
        long[] total = new long[4];
        for (UsageEntry entry : entries) {
            DailyFigures figures = entry.figures();
            ObjectNode usage = usages.addObject()
                    .put("TimeStamp", TIME_STAMP.format(SyntheticUsage.startOf(entry.day()).atOffset(shape.timeStampOffset())))
                    .put("Audio", figures.audio())
                    .put("VideoSDM", figures.video360p())
                    .put("VideoSD", figures.video720p())
                    .put("VideoHD", figures.video1080p());
            if (shape.unknownFields()) {
                usage.put("Region", "cn").put("Unit", "minute");
            }
            total[0] += figures.audio();
            total[1] += figures.video360p();
            total[2] += figures.video720p();
            total[3] += figures.video1080p();
        }
        if (shape.unknownFields()) {
            result.put("Region", "cn");
            result.putObject("Total").put("Audio", total[0]).put("VideoSDM", total[1]).put("VideoSD", total[2])
                    .put("VideoHD", total[3]);
        }
        return write(root);
    }

    byte[] error(String requestId, ApiException failure) {
        ObjectNode root = JSON.createObjectNode();
        metadata(root, requestId, VERSION).putObject("Error")
                .put("CodeN", failure.error().codeN())
                .put("Code", failure.error().code())
                .put("Message", failure.getMessage());
        return write(root);
    }

    /** A success answer cut off mid-way, as a broken proxy or connection would deliver it. */
    byte[] garbage(String requestId) {
        String whole = new String(success(requestId, List.of(), AnswerShape.volcengine()), StandardCharsets.UTF_8);
        String truncated = whole.substring(0, whole.indexOf("\"Result\"")) + "\"Result\":{\"Usages\":[{\"TimeSt";
        return truncated.getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode metadata(ObjectNode root, String requestId, String version) {
        return root.putObject("ResponseMetadata")
                .put("RequestId", requestId)
                .put("Action", ACTION)
                .put("Version", version)
                .put("Service", settings.service())
                .put("Region", settings.region());
    }

    private static byte[] write(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sandbox answer", e);
        }
    }
}
