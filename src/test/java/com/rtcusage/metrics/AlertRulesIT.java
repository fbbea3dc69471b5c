package com.rtcusage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rtcusage.support.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules of k8s/monitoring as Prometheus runs them: promtool checks the rule file and runs
 * its unit tests (k8s/monitoring/tests), which must fire every alert once, with its labels and
 * annotations, and hold it quiet once. Every alert keeps namespace and job and links a runbook in
 * docs/operations.md; the PrometheusRule of k8s/components/prometheus-operator carries the same groups; the
 * dashboard scopes every query to its namespace and job variables. Needs promtool on the PATH.
 */
class AlertRulesIT {

    private static final Path RULE_TESTS = Path.of("k8s/monitoring/tests/rtc-usage.rules.test.yaml");
    private static final Path PROMETHEUS_RULE = Path.of("k8s/components/prometheus-operator/prometheus-rule.yaml");
    private static final Path OPERATIONS = Path.of("docs/operations.md");
    private static final Pattern AGGREGATION = Pattern.compile("\\b(sum|min|max|avg|count|group|topk|bottomk|stddev|quantile)\\s+(by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("\\b(?:rtc_usage|camel)_[a-zA-Z0-9_]*(\\{[^}]*})?");

    @Test
    void promtoolAcceptsTheRuleFile() {
        String output = Tool.PROMTOOL.runOk("check", "rules", MonitoringFiles.RULES.toString());

        assertThat(output).contains("SUCCESS: " + MonitoringFiles.alertRules().size() + " rules found");
    }

    @Test
    void promtoolUnitTestsPass() {
        Tool.Result result = Tool.PROMTOOL.run("test", "rules", RULE_TESTS.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUnitTestsFireEveryAlertOnceWithItsAnnotationsAndHoldItQuietOnce() {
        Map<String, Map<String, Object>> rules = rules();
        Map<String, Object> tests = yaml(RULE_TESTS);
        List<Map<String, Object>> alertTests = new ArrayList<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
            alertTests.addAll((List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of()));
        }

        assertThat(tests.get("rule_files")).isEqualTo(List.of("../" + MonitoringFiles.RULES.getFileName()));
        for (Map.Entry<String, Map<String, Object>> rule : rules.entrySet()) {
            List<Map<String, Object>> ofAlert = alertTests.stream().filter(test -> rule.getKey().equals(test.get("alertname"))).toList();
            assertThat(ofAlert).as("a test where " + rule.getKey() + " does not fire")
                    .anySatisfy(test -> assertThat((List<?>) test.get("exp_alerts")).isEmpty());
            assertThat(ofAlert).as("a test where " + rule.getKey() + " fires").anySatisfy(test -> {
                List<Map<String, Object>> fired = (List<Map<String, Object>>) test.get("exp_alerts");
                assertThat(fired).isNotEmpty().allSatisfy(alert -> {
                    assertThat((Map<String, Object>) alert.get("exp_labels"))
                            .containsKeys("namespace", "job")
                            .containsAllEntriesOf((Map<String, Object>) rule.getValue().get("labels"));
                    Map<String, Object> annotations = (Map<String, Object>) rule.getValue().get("annotations");
                    assertThat((Map<String, Object>) alert.get("exp_annotations"))
                            .containsOnlyKeys(annotations.keySet())
                            .containsEntry("runbook_url", annotations.get("runbook_url"));
                });
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertLinksItsRunbookInTheOperationsDoc() throws IOException {
        Set<String> anchors = Files.readAllLines(OPERATIONS).stream().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());

        for (Map.Entry<String, Map<String, Object>> rule : rules().entrySet()) {
            String url = (String) ((Map<String, Object>) rule.getValue().get("annotations")).get("runbook_url");
            assertThat(url).as(rule.getKey()).matches("https://\\S+/docs/operations\\.md#[a-z0-9_-]+");
            assertThat(anchors).as(OPERATIONS + " section for " + url).contains(url.substring(url.indexOf('#') + 1));
            assertThat(url).endsWith("#" + rule.getKey().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyAggregationKeepsNamespaceAndJob() {
        for (Map.Entry<String, String> rule : MonitoringFiles.alertRules().entrySet()) {
            Matcher aggregation = AGGREGATION.matcher(rule.getValue());
            int found = 0;
            while (aggregation.find()) {
                found++;
                assertThat(aggregation.group(2)).as(rule.getKey() + ": " + aggregation.group()).isEqualTo("by");
                assertThat(aggregation.group(3).split("\\s*,\\s*")).as(rule.getKey() + ": " + aggregation.group())
                        .contains("namespace", "job");
            }
            assertThat(found).as(rule.getKey() + " aggregates by namespace and job").isPositive();
        }
    }

    @Test
    void thePrometheusRuleCarriesTheGroupsOfTheRuleFile() {
        Map<String, Object> prometheusRule = yaml(PROMETHEUS_RULE);

        assertThat(prometheusRule).containsEntry("kind", "PrometheusRule");
        assertThat(prometheusRule.get("spec"))
                .as("spec of " + PROMETHEUS_RULE + " = " + MonitoringFiles.RULES + ": copy the groups over after editing the rules")
                .isEqualTo(yaml(MonitoringFiles.RULES));
    }

    @Test
    void theDashboardScopesEveryQueryToItsNamespaceAndJobVariables() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(MonitoringFiles.DASHBOARD));
        List<String> variables = new ArrayList<>();
        dashboard.at("/templating/list").forEach(variable -> variables.add(variable.get("name").asText()));
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").findValues("expr").forEach(expr -> queries.add(expr.asText()));

        assertThat(variables).contains("namespace", "job");
        assertThat(queries).hasSizeGreaterThan(10);
        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            assertThat(selector.find()).as(query).isTrue();
            do {
                assertThat(selector.group(1)).as(query).contains("namespace=~\"$namespace\"").contains("job=~\"$job\"");
            } while (selector.find());
        }
    }

    /** The alert rules of the rule file by name, as parsed YAML. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> rules() {
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(MonitoringFiles.RULES).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put((String) rule.get("alert"), rule);
            }
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
