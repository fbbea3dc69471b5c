package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Account names label records, metrics and throttles, so two accounts may not share one. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UniqueAccountNames.Validator.class)
public @interface UniqueAccountNames {

    String message() default "must be unique";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Points at the first account whose name was already taken. */
    class Validator implements ConstraintValidator<UniqueAccountNames, List<RtcUsageProperties.Account>> {
        @Override
        public boolean isValid(List<RtcUsageProperties.Account> accounts, ConstraintValidatorContext context) {
            if (accounts == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < accounts.size(); i++) {
                String name = accounts.get(i).name();
                if (name != null && !seen.add(name)) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("must be unique across accounts")
                            .addPropertyNode(null).inIterable().atIndex(i)
                            .addPropertyNode("name")
                            .addConstraintViolation();
                    return false;
                }
            }
            return true;
        }
    }
}
