package com.rtcusage.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The PromQL that ships in k8s/monitoring, read from the files themselves: every alert rule's
 * {@code expr} and every {@code expr}/{@code query} of the Grafana dashboard, and in them each
 * selector of a series this service exposes (names starting with {@code rtc_usage_} or
 * {@code camel_}) with its equality matchers. Regex and negative matchers are left out: they
 * select, they do not name a series that must exist.
 */
final class MonitoringFiles {

    static final Path RULES = Path.of("k8s/monitoring/rtc-usage.rules.yaml");
    static final Path DASHBOARD = Path.of("k8s/monitoring/rtc-usage-dashboard.json");

    private static final Pattern SELECTOR = Pattern.compile("\\b((?:rtc_usage|camel)_[a-zA-Z0-9_]*)(\\{[^}]*})?");
    private static final Pattern EQUALS = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern OTHER_MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(!=|=~|!~)\\s*\"[^\"]*\"");

    /** One series selector: a metric name and the label values it requires. */
    record Selector(String name, Map<String, String> labels) {

        @Override
        public String toString() {
            return name + labels;
        }
    }

    private MonitoringFiles() {
    }

    /** Alert name to expression, in file order; the file is a plain rule file or a PrometheusRule. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertRules() {
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(RULES));
        Map<String, Object> holder = file.containsKey("spec") ? (Map<String, Object>) file.get("spec") : file;
        Map<String, String> rules = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) holder.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return rules;
    }

    /** Every expression of the dashboard: panel targets and template variable queries. */
    static List<String> dashboardQueries() {
        try {
            List<String> queries = new ArrayList<>();
            collect(new ObjectMapper().readTree(read(DASHBOARD)), queries);
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<Selector> selectors(List<String> expressions) {
        Set<Selector> selectors = new LinkedHashSet<>();
        for (String expression : expressions) {
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (selector.group(2) != null) {
                    Matcher equals = EQUALS.matcher(OTHER_MATCHER.matcher(selector.group(2)).replaceAll(""));
                    while (equals.find()) {
                        labels.put(equals.group(1), equals.group(2));
                    }
                }
                selectors.add(new Selector(selector.group(1), labels));
            }
        }
        return selectors;
    }

    private static void collect(JsonNode node, List<String> queries) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if ((field.getKey().equals("expr") || field.getKey().equals("query")) && field.getValue().isTextual()) {
                    queries.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), queries);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, queries));
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
