package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;

/**
 * Each credential of an account comes from one place: its value or its file. The access key id and
 * the secret need exactly one; the session token at most one. Whether a file can be read is not
 * judged here: a Secret volume may be mounted or rotated after start, so an unreadable file fails
 * its account's sweep, not start-up. A value left as an unresolved {@code ${VAR}} counts as not set.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CredentialSources.Validator.class)
public @interface CredentialSources {

    String message() default "must come from one place";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the first credential given twice, or a required one given nowhere. */
    class Validator implements ConstraintValidator<CredentialSources, RtcUsageProperties.Account> {
        @Override
        public boolean isValid(RtcUsageProperties.Account account, ConstraintValidatorContext context) {
            return oneOf(context, "accessKeyId", "access-key-id", isSet(account.accessKeyId()), account.accessKeyIdFile(), true)
                    && oneOf(context, "secretAccessKey", "secret-access-key", isSet(account.secretAccessKey()),
                            account.secretAccessKeyFile(), true)
                    && oneOf(context, "sessionToken", "session-token", isSet(account.sessionToken()),
                            account.sessionTokenFile(), false);
        }

        private static boolean oneOf(ConstraintValidatorContext context, String property, String key, boolean valueSet,
                Path file, boolean required) {
            if (valueSet && file != null) {
                return invalid(context, property + "File", "and " + key + " are both set: give the credential one way");
            }
            if (required && !valueSet && file == null) {
                return invalid(context, property, "must be set (is its environment variable defined?), or " + key + "-file");
            }
            return true;
        }

        private static boolean isSet(Secret secret) {
            return secret != null && Configured.Rule.isSet(secret.reveal());
        }

        private static boolean isSet(String value) {
            return Configured.Rule.isSet(value);
        }

        private static boolean invalid(ConstraintValidatorContext context, String property, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(property).addConstraintViolation();
            return false;
        }
    }
}
