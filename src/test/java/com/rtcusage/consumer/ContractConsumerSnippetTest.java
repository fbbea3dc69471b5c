package com.rtcusage.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's Java consumer is the compiled and tested UsageTopicConsumer, line for line: README
 * cannot drift from code that ConsumerContractIT runs against a broker.
 */
class ReadmeConsumerSnippetTest {

    private static final Path SOURCE = Path.of("src/test/java/com/rtcusage/consumer/UsageTopicConsumer.java");
    private static final Pattern README_BLOCK = Pattern.compile(
            "<!-- snippet: " + Pattern.quote(SOURCE.toString()) + " -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SOURCE_BLOCK = Pattern.compile(
            "\\n( *)// README snippet begin\\n(.*?)\\n *// README snippet end\\n", Pattern.DOTALL);

    @Test
    void readmeShowsTheCompiledConsumer() throws IOException {
        Matcher readme = README_BLOCK.matcher(Files.readString(Path.of("README.md")));
        assertThat(readme.find()).as("README has a java block after <!-- snippet: %s -->", SOURCE).isTrue();
        Matcher source = SOURCE_BLOCK.matcher(Files.readString(SOURCE));
        assertThat(source.find()).as("%s marks its snippet", SOURCE).isTrue();

        String indent = source.group(1);
        String compiled = source.group(2).lines()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(readme.group(1)).isEqualTo(compiled);
    }
}
