package com.rtcusage.config;

import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a configuration failure into one line that starts with the full key, e.g.
 * {@code rtc-usage.accounts[0].app-ids must not be empty}. Values are not echoed: they may be secrets.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConfigurationFailureAnalyzer implements FailureAnalyzer {

    private static final String ACTION =
            "Fix that key in application.yaml, its environment variable or a --key=value argument, then start again.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindException unreadable = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                return new FailureAnalysis(describe(invalid.getValidationErrors()), ACTION, failure);
            }
            if (cause instanceof InvalidConfigurationException invalid) {
                return new FailureAnalysis(invalid.getMessage(), ACTION, failure);
            }
            if (cause instanceof BindException bind && bind.getName().toString().startsWith("rtc-usage")) {
                unreadable = bind;
            }
        }
        return unreadable == null ? null
                : new FailureAnalysis(unreadable.getName() + " cannot be read: "
                        + NestedExceptionUtils.getMostSpecificCause(unreadable).getMessage(), ACTION, failure);
    }

    /** One line per broken key; almost always exactly one. */
    static String describe(ValidationErrors errors) {
        return errors.getAllErrors().stream()
                .map(error -> key(errors, error) + " " + error.getDefaultMessage())
                .distinct()
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** The key in the form the documentation uses: video-720p, app-ids. */
    private static String key(ValidationErrors errors, ObjectError error) {
        String base = errors.getName().toString();
        if (!(error instanceof FieldError field)) {
            return base;
        }
        return base + "." + DataObjectPropertyName.toDashedForm(field.getField()).replaceAll("([a-z])(\\d)", "$1-$2");
    }
}
