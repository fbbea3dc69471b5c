package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.quartz.CronExpression;

/** A cron expression Quartz accepts (seconds first, e.g. {@code 0 20 0/6 * * ?}). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = QuartzCron.Validator.class)
public @interface QuartzCron {

    String message() default "must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 20 0/6 * * ?\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks Quartz itself. */
    class Validator implements ConstraintValidator<QuartzCron, String> {
        @Override
        public boolean isValid(String cron, ConstraintValidatorContext context) {
            return cron == null || CronExpression.isValidExpression(cron);
        }
    }
}
