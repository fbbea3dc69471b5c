package com.rtcusage.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts that cannot be mistaken for each other: names label records and metrics, the API's
 * rate limit belongs to an access key id, and an app swept twice would be published twice.
 * Points at the first account that repeats a name, an access key id or an AppId.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UniqueAccounts.Validator.class)
public @interface UniqueAccounts {

    String message() default "must be unique";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Walks the accounts in order; the first repetition is the one reported. */
    class Validator implements ConstraintValidator<UniqueAccounts, List<RtcUsageProperties.Account>> {
        @Override
        public boolean isValid(List<RtcUsageProperties.Account> accounts, ConstraintValidatorContext context) {
            if (accounts == null) {
                return true;
            }
            Map<String, Integer> names = new HashMap<>();
            Map<String, Integer> keys = new HashMap<>();
            Map<String, String> apps = new HashMap<>();
            for (int i = 0; i < accounts.size(); i++) {
                RtcUsageProperties.Account account = accounts.get(i);
                if (account.name() != null && names.putIfAbsent(account.name(), i) != null) {
                    return invalid(context, i, "name", "must be unique across accounts");
                }
                Integer other = account.accessKeyId() == null ? null : keys.putIfAbsent(account.accessKeyId(), i);
                if (other != null) {
                    return invalid(context, i, "accessKeyId", "must be unique across accounts: accounts[" + other
                            + "] has the same one, and the API's rate limit is per access key id (list both accounts' apps under one)");
                }
                List<String> appIds = account.appIds() == null ? List.of() : account.appIds();
                for (int j = 0; j < appIds.size(); j++) {
                    String where = apps.putIfAbsent(appIds.get(j), "accounts[" + i + "].app-ids[" + j + "]");
                    if (where != null) {
                        return invalid(context, i, "appIds", "must not list an AppId twice: " + appIds.get(j)
                                + " is already at rtc-usage." + where);
                    }
                }
            }
            return true;
        }

        private static boolean invalid(ConstraintValidatorContext context, int index, String property, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                    .addPropertyNode(null).inIterable().atIndex(index)
                    .addPropertyNode(property)
                    .addConstraintViolation();
            return false;
        }
    }
}
