package com.rtcusage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The sandbox.answers.* properties pick the answer shapes; none set is the API's default shape. */
class LocalSandboxInitializerTest {

    @Test
    void defaultsToTheApisShape() {
        assertThat(LocalSandboxInitializer.answerShape(new Binder(new MapConfigurationPropertySource(Map.of()))))
                .isEqualTo(AnswerShape.volcengine());
    }

    @Test
    void bindsEveryShape() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "sandbox.answers.current-day-left-out", "false",
                "sandbox.answers.idle-days-left-out", "true",
                "sandbox.answers.day-repeated", "true",
                "sandbox.answers.newest-first", "true",
                "sandbox.answers.unknown-fields", "true",
                "sandbox.answers.version", "2020-12-01",
                "sandbox.answers.time-stamp-offset", "Z")));

        assertThat(LocalSandboxInitializer.answerShape(binder)).isEqualTo(
                new AnswerShape(false, true, true, true, true, "2020-12-01", ZoneOffset.UTC));
    }
}
