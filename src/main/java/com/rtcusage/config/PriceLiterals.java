package com.rtcusage.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Prices are exact decimals, but a YAML file reads an unquoted {@code 0.12345678901234567} as a
 * binary double, which keeps 15 significant digits. Such a price stops start-up, naming the key and
 * asking for quotes, instead of billing a rounded price. Quoted prices are read as text, exactly. This
 * holds for the global books and for every account's own ({@code rtc-usage.accounts[n].pricing.books}).
 */
@Component
public class PriceLiterals {

    /** Significant decimal digits every double keeps exactly. */
    static final int EXACT_DIGITS = 15;
    private static final Pattern PRICE = Pattern.compile("rtc-usage(\\.accounts\\[\\d+])?\\.pricing\\.books\\[\\d+]\\.(audio|video-360p|video-720p|video-1080p)");

    public PriceLiterals(ConfigurableEnvironment environment) {
        Set<String> seen = new HashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (PRICE.matcher(name).matches() && seen.add(name)) {
                        check(name, enumerable.getProperty(name), origin(source, name));
                    }
                }
            }
        }
    }

    static void check(String key, Object value, Origin origin) {
        if (!(value instanceof Number number)) {
            return;   // text: bound to BigDecimal exactly as written
        }
        String literal = literal(origin);
        String digits = literal != null ? literal : number.toString();
        int significant = significantDigits(digits);
        if (significant > EXACT_DIGITS) {
            throw new InvalidConfigurationException(key, "has " + significant + " significant digits, more than a YAML number keeps"
                    + " exactly (" + EXACT_DIGITS + "): quote it, e.g. \"" + digits + "\"");
        }
    }

    /** Digits a decimal literal needs: trailing zeros only scale it ({@code 1e20} needs one, {@code 10000000000000001} 17). */
    static int significantDigits(String literal) {
        try {
            return new BigDecimal(literal.trim()).stripTrailingZeros().precision();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Origin origin(PropertySource<?> source, String name) {
        return source instanceof OriginLookup<?> lookup ? ((OriginLookup<String>) lookup).getOrigin(name) : null;
    }

    /** The value as written in its YAML file, where the file can be read again; null otherwise. */
    private static String literal(Origin origin) {
        if (!(origin instanceof TextResourceOrigin text) || text.getResource() == null || text.getLocation() == null) {
            return null;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(text.getResource().getInputStream(), StandardCharsets.UTF_8))) {
            String line = reader.lines().skip(text.getLocation().getLine()).findFirst().orElse(null);
            if (line == null || text.getLocation().getColumn() >= line.length()) {
                return null;
            }
            String token = line.substring(text.getLocation().getColumn()).split("[\\s#,\\]}]", 2)[0];
            return token.matches("[+-]?[0-9.]+([eE][+-]?[0-9]+)?") ? token : null;
        } catch (IOException e) {
            return null;
        }
    }
}
