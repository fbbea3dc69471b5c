package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A credential that is really set: not missing, not blank, and not a {@code ${VAR}} placeholder
 * left unresolved because the environment variable is absent. The message never shows the value.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {Configured.ForText.class, Configured.ForSecret.class})
public @interface Configured {

    String message() default "must be set (is its environment variable defined?)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Plain text settings such as the access key id. */
    class ForText implements ConstraintValidator<Configured, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Rule.isSet(value);
        }
    }

    /** Secrets, checked without revealing them anywhere. */
    class ForSecret implements ConstraintValidator<Configured, Secret> {
        @Override
        public boolean isValid(Secret value, ConstraintValidatorContext context) {
            return value != null && Rule.isSet(value.reveal());
        }
    }

    /** Shared by both validators. */
    final class Rule {
        private Rule() {
        }

        static boolean isSet(String value) {
            return value != null && !value.isBlank() && !(value.startsWith("${") && value.endsWith("}"));
        }
    }
}
