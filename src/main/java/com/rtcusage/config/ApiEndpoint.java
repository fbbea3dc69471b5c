package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * An API endpoint that cannot leak what every request carries (the signature, an STS session
 * token): {@code https://host[:port]}, no user-info. Plain {@code http://} only to a loopback host
 * (the local sandbox, test servers) or where {@code allow-plain-http} says so. The message never
 * echoes the URL: its user-info may hold a password.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ApiEndpoint.Validator.class)
public @interface ApiEndpoint {

    String message() default "must be an https URL like https://rtc.volcengineapi.com";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the shape, then the user-info, then the scheme: one broken rule, one line. */
    class Validator implements ConstraintValidator<ApiEndpoint, RtcUsageProperties.Api> {

        /** Hosts whose traffic never leaves the machine, as URI.getHost() spells them. */
        private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

        @Override
        public boolean isValid(RtcUsageProperties.Api api, ConstraintValidatorContext context) {
            URI uri = api.endpoint();
            if (uri == null) {
                return true;
            }
            if (!isHttpOrigin(uri)) {
                return invalid(context, "must be an http(s) URL like https://rtc.volcengineapi.com");
            }
            if (uri.getRawUserInfo() != null) {
                return invalid(context, "must not carry user-info (user:password@): the API authenticates by"
                        + " signature, and the URL would show the password wherever it is logged");
            }
            if ("http".equals(uri.getScheme()) && !api.allowPlainHttp() && !isLoopback(uri)) {
                return invalid(context, "must be https:// (plain http:// only to 127.0.0.1, localhost or ::1,"
                        + " or with rtc-usage.api.allow-plain-http=true): every request carries its signature"
                        + " and any STS session token");
            }
            return true;
        }

        private static boolean isHttpOrigin(URI uri) {
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        }

        private static boolean isLoopback(URI uri) {
            return LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        }

        private static boolean invalid(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addPropertyNode("endpoint").addConstraintViolation();
            return false;
        }
    }
}
