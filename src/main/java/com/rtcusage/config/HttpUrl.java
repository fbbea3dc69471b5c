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

/** An absolute http(s) URL with a host and nothing after it but an optional port. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HttpUrl.Validator.class)
public @interface HttpUrl {

    String message() default "must be an http(s) URL like https://rtc.volcengineapi.com";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the parsed URI. */
    class Validator implements ConstraintValidator<HttpUrl, URI> {
        @Override
        public boolean isValid(URI uri, ConstraintValidatorContext context) {
            return uri == null
                    || (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                            && uri.getHost() != null
                            && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                            && uri.getRawQuery() == null);
        }
    }
}
