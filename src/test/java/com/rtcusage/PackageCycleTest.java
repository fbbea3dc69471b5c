package com.rtcusage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of com.rtcusage depend on each other one way only: a cycle (sweep and publish once
 * imported each other) fails here, naming it. Read from the sources' own references, imports or
 * fully qualified names, without loading a class.
 */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src/main/java/com/rtcusage");
    private static final Pattern REFERENCE = Pattern.compile("com\\.rtcusage\\.([a-z0-9]+)\\.[A-Z]");

    @Test
    void noPackageCycle() {
        assertThat(cycles(graph(SOURCES))).isEmpty();
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a")));
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c", "a"));
    }

    /** Which package refers to which, by the sources of each. */
    static Map<String, Set<String>> graph(Path root) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = root.relativize(file).getNameCount() > 1 ? root.relativize(file).getName(0).toString() : "";
                Matcher reference = REFERENCE.matcher(read(file));
                Set<String> to = graph.computeIfAbsent(from, name -> new TreeSet<>());
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        to.add(reference.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Each cycle once, as the path from its smallest package back to it. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            walk(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        return cycles;
    }

    private static void walk(Map<String, Set<String>> graph, String start, List<String> path, List<List<String>> cycles) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(cycle);
            } else if (next.compareTo(start) > 0 && !path.contains(next)) {
                path.add(next);
                walk(graph, start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
