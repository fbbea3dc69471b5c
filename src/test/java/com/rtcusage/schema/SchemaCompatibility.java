package com.rtcusage.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema compatibility policy of docs/contract.md as code: lists every change from a released
 * schema (the baseline) to the current one that needs a new version ({@code ...v2} and a new schema
 * file).
 *
 * <p>Both directions of a change to the set of valid values break someone: a wider set breaks
 * consumers written against the baseline (a new type, a looser pattern, a new enum value), a
 * narrower set breaks the records already on the compacted topic, which must stay valid under the
 * current schema (a tighter pattern, a newly required property). So every validation keyword must
 * stay as it was. The only compatible changes are annotations ({@code title}, {@code description},
 * {@code $comment}, {@code examples}, {@code deprecated}, {@code default}) and new optional
 * properties, which consumers ignore as the contract requires. {@code $ref}s are followed in each
 * schema, so moving a definition is fine as long as what it says stays the same.
 */
final class SchemaCompatibility {

    /** Keywords that describe and never validate: changing them is always compatible. */
    private static final Set<String> ANNOTATIONS =
            Set.of("title", "description", "$comment", "examples", "deprecated", "default", "readOnly", "writeOnly");
    /** Keywords compared by walking into them rather than by equality. */
    private static final Set<String> STRUCTURAL = Set.of("properties", "required", "type", "enum", "$ref", "$defs",
            "additionalProperties", "items");

    private final JsonNode baselineRoot;
    private final JsonNode currentRoot;
    private final List<String> problems = new ArrayList<>();

    private SchemaCompatibility(JsonNode baselineRoot, JsonNode currentRoot) {
        this.baselineRoot = baselineRoot;
        this.currentRoot = currentRoot;
    }

    /** Every incompatible change, one line each, naming the JSON pointer in the baseline; empty when compatible. */
    static List<String> breakingChanges(JsonNode baseline, JsonNode current) {
        SchemaCompatibility check = new SchemaCompatibility(baseline, current);
        check.compare("", baseline, current, new LinkedHashSet<>());
        return List.copyOf(check.problems);
    }

    private void compare(String path, JsonNode baselineNode, JsonNode currentNode, Set<String> visiting) {
        JsonNode baseline = resolve(baselineRoot, baselineNode);
        JsonNode current = resolve(currentRoot, currentNode);
        String pair = System.identityHashCode(baseline) + "/" + System.identityHashCode(current);
        if (!visiting.add(pair)) {
            return;   // a recursive $ref already being compared
        }
        if (baseline.isBoolean() || current.isBoolean()) {
            same(path, "schema", baseline, current);
            return;
        }
        compareTypes(path, baseline, current);
        compareEnums(path, baseline, current);
        compareProperties(path, baseline, current, visiting);
        compareRequired(path, baseline, current);
        compareAdditionalProperties(path, baseline, current, visiting);
        if (baseline.has("items") || current.has("items")) {
            if (baseline.has("items") && current.has("items")) {
                compare(path + "/items", baseline.get("items"), current.get("items"), visiting);
            } else {
                problems.add(path + "/items: " + (baseline.has("items") ? "removed" : "added"));
            }
        }
        Set<String> keywords = new TreeSet<>();
        baseline.fieldNames().forEachRemaining(keywords::add);
        current.fieldNames().forEachRemaining(keywords::add);
        keywords.removeAll(ANNOTATIONS);
        keywords.removeAll(STRUCTURAL);
        for (String keyword : keywords) {
            same(path, keyword, baseline.path(keyword), current.path(keyword));
        }
        visiting.remove(pair);
    }

    private void compareTypes(String path, JsonNode baseline, JsonNode current) {
        Set<String> before = texts(baseline.path("type"));
        Set<String> after = texts(current.path("type"));
        if (!before.equals(after)) {
            problems.add(path + ": type changed from " + before + " to " + after);
        }
    }

    private void compareEnums(String path, JsonNode baseline, JsonNode current) {
        if (!baseline.has("enum") && !current.has("enum")) {
            return;
        }
        if (!baseline.has("enum") || !current.has("enum")) {
            problems.add(path + ": enum " + (baseline.has("enum") ? "removed (any value allowed now)" : "added (values narrowed)"));
            return;
        }
        for (JsonNode value : baseline.get("enum")) {
            if (!contains(current.get("enum"), value)) {
                problems.add(path + ": enum value " + value + " removed");
            }
        }
        for (JsonNode value : current.get("enum")) {
            if (!contains(baseline.get("enum"), value)) {
                problems.add(path + ": enum value " + value + " added (consumers may switch over the closed set)");
            }
        }
    }

    private void compareProperties(String path, JsonNode baseline, JsonNode current, Set<String> visiting) {
        JsonNode before = baseline.path("properties");
        JsonNode after = current.path("properties");
        for (Iterator<String> names = before.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String propertyPath = path + "/properties/" + name;
            if (!after.has(name)) {
                problems.add(propertyPath + ": property removed (or renamed)");
            } else {
                compare(propertyPath, before.get(name), after.get(name), visiting);
            }
        }
    }

    private void compareRequired(String path, JsonNode baseline, JsonNode current) {
        Set<String> before = texts(baseline.path("required"));
        Set<String> after = texts(current.path("required"));
        for (String name : after) {
            if (!before.contains(name)) {
                problems.add(path + "/properties/" + name + ": newly required (records already on the topic lack it)");
            }
        }
        for (String name : before) {
            if (!after.contains(name)) {
                problems.add(path + "/properties/" + name + ": no longer required (consumers rely on it)");
            }
        }
    }

    private void compareAdditionalProperties(String path, JsonNode baseline, JsonNode current, Set<String> visiting) {
        JsonNode before = baseline.path("additionalProperties");
        JsonNode after = current.path("additionalProperties");
        if (before.isObject() && after.isObject()) {
            compare(path + "/additionalProperties", before, after, visiting);
        } else if (!Objects.equals(allowsAny(before), allowsAny(after)) || before.isObject() != after.isObject()) {
            problems.add(path + "/additionalProperties: changed from " + shown(before) + " to " + shown(after)
                    + (Boolean.FALSE.equals(allowsAny(after)) ? " (turned false)" : ""));
        }
    }

    private void same(String path, String keyword, JsonNode baseline, JsonNode current) {
        if (!baseline.equals(current)) {
            problems.add(path + "/" + keyword + ": changed from " + shown(baseline) + " to " + shown(current)
                    + direction(keyword, baseline, current));
        }
    }

    private static String direction(String keyword, JsonNode baseline, JsonNode current) {
        boolean lower = keyword.startsWith("min") || keyword.equals("exclusiveMinimum");
        boolean upper = keyword.startsWith("max") || keyword.equals("exclusiveMaximum");
        if (!(lower || upper)) {
            return "";
        }
        if (baseline.isMissingNode() || current.isMissingNode()) {
            return baseline.isMissingNode() ? " (tightened)" : " (loosened)";
        }
        int order = baseline.decimalValue().compareTo(current.decimalValue());
        return (lower ? order < 0 : order > 0) ? " (tightened)" : " (loosened)";
    }

    /** Follows local {@code $ref}s ({@code #/...}); anything else is compared as written. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode resolved = node;
        for (int hops = 0; resolved.isObject() && resolved.has("$ref") && hops < 32; hops++) {
            String ref = resolved.get("$ref").asText();
            for (Iterator<String> names = resolved.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("$ref") && !ANNOTATIONS.contains(name)) {
                    throw new IllegalArgumentException("$ref " + ref + " beside " + name + ": not supported by this check");
                }
            }
            if (!ref.startsWith("#")) {
                return resolved;
            }
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("unresolvable $ref " + ref);
            }
            resolved = target;
        }
        return resolved;
    }

    private static Boolean allowsAny(JsonNode additionalProperties) {
        return additionalProperties.isMissingNode() ? Boolean.TRUE
                : additionalProperties.isBoolean() ? Boolean.valueOf(additionalProperties.booleanValue()) : null;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String shown(JsonNode node) {
        return node == null || node instanceof MissingNode ? "(absent)" : node.toString();
    }
}
