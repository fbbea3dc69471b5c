package com.rtcusage.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.spi.RoutePolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The contract between routes/ and the Java beans, checked without starting anything: every bean,
 * method, property and direct: endpoint a route names exists, every property a bean reads is set
 * by a route, and every shared name is one of {@link FlowNames}. An operator's rename in a route
 * file, or a developer's in Java, fails here in a second instead of in a sweep.
 */
class FlowContractTest {

    private static final Pattern PROPERTY_READ = Pattern.compile("exchangeProperty\\.([A-Za-z0-9_]+)");
    /** Properties Camel sets itself. */
    private static final Set<String> CAMEL_PROPERTIES = Set.of(Exchange.EXCEPTION_CAUGHT);

    @Test
    void theRoutesAndTheBeansAgree() throws IOException {
        assertThat(violations(routeFiles())).isEmpty();
    }

    @Test
    void aMisspelledBeanMethodPropertyOrEndpointInARouteIsCaught() throws IOException {
        Map<String, String> routes = routeFiles();
        assertThat(violations(planted(routes, "5-record-day.camel.yaml", "ref: costCalculator", "ref: costCalculater")))
                .anyMatch(violation -> violation.contains("costCalculater"));
        assertThat(violations(planted(routes, "5-record-day.camel.yaml", "method: price", "method: prize")))
                .anyMatch(violation -> violation.contains("prize"));
        Map<String, String> usageRequestMisspelled = planted(routes, "3-list-usages.camel.yaml",
                "name: usageRequest", "name: usageRequst");
        assertThat(violations(usageRequestMisspelled))
                .anyMatch(violation -> violation.contains("usageRequst"))
                .anyMatch(violation -> violation.contains("reads property usageRequest"));
        assertThat(violations(planted(routes, "2-sweep.camel.yaml", "uri: direct:list-usages", "uri: direct:list-usage")))
                .anyMatch(violation -> violation.contains("direct:list-usage"));
        assertThat(violations(planted(routes, "9-errors.camel.yaml", "method: keepsWaiting", "method: keepsWaitin")))
                .anyMatch(violation -> violation.contains("keepsWaitin"));
    }

    /** What is wrong between these route files and the beans of the production code. */
    static List<String> violations(Map<String, String> routeFiles) {
        Map<String, Class<?>> beans = beans();
        Set<String> names = declaredNames();
        Flow flow = new Flow();
        routeFiles.forEach((file, text) -> flow.walk(file, new Yaml().load(text), null));

        List<String> violations = new ArrayList<>();
        flow.beanCalls.forEach((call, file) -> {
            Class<?> type = beans.get(call.bean());
            if (type == null) {
                violations.add(file + " calls bean " + call.bean() + ", which does not exist");
            } else if (call.method() != null && Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(call.method()))) {
                violations.add(file + " calls " + call.bean() + "." + call.method() + ", which " + type.getSimpleName() + " does not have");
            } else if (call.kind() != null && !call.kind().isAssignableFrom(type)) {
                violations.add(file + " uses bean " + call.bean() + " as " + call.kind().getSimpleName() + ", which it is not");
            }
            if (!names.contains(call.bean())) {
                violations.add(file + " names bean " + call.bean() + ", which FlowNames does not declare");
            }
        });
        flow.propertiesSet.forEach((property, file) -> {
            if (!names.contains(property)) {
                violations.add(file + " sets property " + property + ", which FlowNames does not declare");
            }
        });
        flow.propertiesRead.forEach((property, file) -> {
            if (!flow.propertiesSet.containsKey(property)) {
                violations.add(file + " reads property " + property + ", which no route sets");
            }
        });
        beans.forEach((bean, type) -> {
            for (Method method : type.getMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    ExchangeProperty read = parameter.getAnnotation(ExchangeProperty.class);
                    if (read != null && !flow.propertiesSet.containsKey(read.value()) && !CAMEL_PROPERTIES.contains(read.value())) {
                        violations.add(type.getSimpleName() + "." + method.getName() + " reads property " + read.value() + ", which no route sets");
                    }
                }
            }
        });
        flow.endpointsUsed.forEach((uri, file) -> {
            if (!flow.endpointsDefined.containsKey(uri)) {
                violations.add(file + " sends to " + uri + ", which no route consumes");
            }
        });
        flow.endpointsDefined.forEach((uri, file) -> {
            if (!names.contains(uri)) {
                violations.add(file + " consumes " + uri + ", which FlowNames does not declare");
            }
        });
        flow.configurationsUsed.forEach((id, file) -> {
            if (!flow.configurationsDefined.contains(id)) {
                violations.add(file + " uses route configuration " + id + ", which is not defined");
            }
        });
        for (String name : names) {
            if (name.startsWith("direct:") && !flow.endpointsDefined.containsKey(name)) {
                violations.add("FlowNames declares endpoint " + name + ", which no route consumes");
            }
        }
        return violations;
    }

    /** A route's call of a bean: by method, or as an aggregation strategy or route policy ({@code kind}). */
    record BeanCall(String bean, String method, Class<?> kind) {
    }

    /** What the route files name, with the file that names it first. */
    static final class Flow {
        final Map<BeanCall, String> beanCalls = new LinkedHashMap<>();
        final Map<String, String> propertiesSet = new TreeMap<>();
        final Map<String, String> propertiesRead = new TreeMap<>();
        final Map<String, String> endpointsUsed = new TreeMap<>();
        final Map<String, String> endpointsDefined = new TreeMap<>();
        final Map<String, String> configurationsUsed = new TreeMap<>();
        final Set<String> configurationsDefined = new HashSet<>();

        void walk(String file, Object node, String key) {
            if (node instanceof Map<?, ?> map) {
                visit(file, key, map);
                map.forEach((childKey, child) -> walk(file, child, String.valueOf(childKey)));
            } else if (node instanceof List<?> list) {
                list.forEach(child -> walk(file, child, key));
            } else if (node instanceof String text) {
                Matcher read = PROPERTY_READ.matcher(text);
                while (read.find()) {
                    propertiesRead.putIfAbsent(read.group(1), file);
                }
                switch (key == null ? "" : key) {
                    case "aggregationStrategy" -> beanCalls.putIfAbsent(new BeanCall(text, null, AggregationStrategy.class), file);
                    case "routePolicy" -> beanCalls.putIfAbsent(new BeanCall(text, null, RoutePolicy.class), file);
                    case "redeliveryPolicyRef" -> beanCalls.putIfAbsent(new BeanCall(text, null, null), file);
                    case "executorService" -> beanCalls.putIfAbsent(
                            new BeanCall(text, null, java.util.concurrent.ExecutorService.class), file);
                    case "routeConfigurationId" -> Arrays.stream(text.split(","))
                            .forEach(id -> configurationsUsed.putIfAbsent(id.trim(), file));
                    default -> { }
                }
            }
        }

        private void visit(String file, String key, Map<?, ?> map) {
            if (map.get("ref") instanceof String bean && ("bean".equals(key) || "method".equals(key))) {
                beanCalls.putIfAbsent(new BeanCall(bean, (String) map.get("method"), null), file);
            }
            if ("setProperty".equals(key) && map.get("name") instanceof String name) {
                propertiesSet.putIfAbsent(name, file);
            }
            if (map.get("uri") instanceof String uri && uri.startsWith("direct:")) {
                ("from".equals(key) ? endpointsDefined : endpointsUsed).putIfAbsent(uri, file);
            }
            if ("routeConfiguration".equals(key) && map.get("id") instanceof String id) {
                configurationsDefined.add(id);
            }
        }
    }

    /** Every bean of the production code by name: components and {@code @Bean} methods. */
    static Map<String, Class<?>> beans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        Map<String, Class<?>> beans = new HashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("com.rtcusage")) {
            Class<?> type = load(definition.getBeanClassName());
            Component component = type.getAnnotation(Component.class);
            if (component != null && !component.value().isEmpty()) {
                beans.put(component.value(), type);
            }
            for (Method method : type.getDeclaredMethods()) {
                Bean bean = method.getAnnotation(Bean.class);
                if (bean != null) {
                    (bean.value().length == 0 ? Stream.of(method.getName()) : Arrays.stream(bean.value()))
                            .forEach(name -> beans.put(name, method.getReturnType()));
                }
            }
        }
        return beans;
    }

    /** The values of every constant of {@link FlowNames}. */
    static Set<String> declaredNames() {
        Set<String> names = new HashSet<>();
        for (Field field : FlowNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    static Map<String, String> routeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            for (Path path : listing.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private static Map<String, String> planted(Map<String, String> routes, String file, String from, String to) {
        Map<String, String> changed = new TreeMap<>(routes);
        assertThat(changed.get(file)).as(file).contains(from);
        changed.put(file, changed.get(file).replaceFirst(Pattern.quote(from), to));
        return changed;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
