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
 * The Java consumer of docs/contract.md is the compiled and tested UsageTopicConsumer, line for
 * line: the contract cannot drift from code that ConsumerContractIT runs against a broker.
 */
class ContractConsumerSnippetTest {

    private static final Path SOURCE = Path.of("src/test/java/com/rtcusage/consumer/UsageTopicConsumer.java");
    private static final Path CONTRACT = Path.of("docs/contract.md");
    private static final Pattern DOC_BLOCK = Pattern.compile(
            "<!-- snippet: " + Pattern.quote(SOURCE.toString()) + " -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SOURCE_BLOCK = Pattern.compile(
            "\\n( *)// docs/contract.md snippet begin\\n(.*?)\\n *// docs/contract.md snippet end\\n", Pattern.DOTALL);

    @Test
    void theContractShowsTheCompiledConsumer() throws IOException {
        Matcher doc = DOC_BLOCK.matcher(Files.readString(CONTRACT));
        assertThat(doc.find()).as("%s has a java block after <!-- snippet: %s -->", CONTRACT, SOURCE).isTrue();
        Matcher source = SOURCE_BLOCK.matcher(Files.readString(SOURCE));
        assertThat(source.find()).as("%s marks its snippet", SOURCE).isTrue();

        String indent = source.group(1);
        String compiled = source.group(2).lines()
                .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line)
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(doc.group(1)).isEqualTo(compiled);
    }
}
