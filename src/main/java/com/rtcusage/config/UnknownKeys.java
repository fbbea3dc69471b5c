package com.rtcusage.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * Stops start-up on a key under {@code rtc-usage} that no setting has, so a typo such as
 * {@code rate-limit.request-per-second} is not silently ignored. The known keys are read off
 * {@link RtcUsageProperties} itself. (Spring's own check flags list elements that a file of higher
 * precedence legitimately replaced, so it cannot be used here.)
 */
@Component
public class UnknownKeys {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("rtc-usage");

    public UnknownKeys(ConfigurableEnvironment environment) {
        TreeSet<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(ROOT::isAncestorOf).filter(name -> !isKnown(name))
                        .forEach(name -> unknown.add(name.toString()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException(unknown.first(), "is not a known key (a typo? every key is in docs/configuration.md)"
                    + (unknown.size() > 1 ? "; nor are " + unknown.tailSet(unknown.first(), false) : ""));
        }
    }

    /** Whether the name leads through the records and lists of the settings to a setting. */
    static boolean isKnown(ConfigurationPropertyName name) {
        Type type = RtcUsageProperties.class;
        for (int i = ROOT.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
            Class<?> raw = raw(type);
            boolean index = name.isNumericIndex(i);
            if (List.class.isAssignableFrom(raw) && index) {
                type = ((ParameterizedType) type).getActualTypeArguments()[0];
            } else if (raw.isRecord() && !index) {
                Optional<RecordComponent> component = component(raw, name.getElement(i, Form.UNIFORM));
                if (component.isEmpty()) {
                    return false;
                }
                type = component.get().getGenericType();
            } else {
                return false;
            }
        }
        return true;
    }

    private static Optional<RecordComponent> component(Class<?> record, String uniformName) {
        return Arrays.stream(record.getRecordComponents())
                .filter(component -> component.getName().toLowerCase(Locale.ROOT).equals(uniformName))
                .findFirst();
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }
}
