package io.ringback.process;

import io.ringback.support.InputRule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Checks a decision's outputs as the engine hands them to a worker: the JSON value of each output, before
 * Java reads it. FEEL in the models and Jackson in the workers read a value differently when it has the
 * wrong type ({@code "600"} is a number to Jackson and text to the gateway {@code attemptsMade <
 * dialPolicy.maxAttempts}; {@code 2.5} attempts is 2 to Java and 3 to FEEL), so a value is taken only
 * when both would read it the same: numbers are whole JSON numbers in their range, texts are texts,
 * yes/no is {@code true} or {@code false}. The problems are said in an analyst's words, naming the output.
 */
final class DecisionOutputs {

    private DecisionOutputs() {}

    /** A whole number from {@code min} to {@code max}; {@code hint} is added when it is missing or out of range. */
    static void wholeNumber(Map<String, ?> outputs, String name, long min, long max, String hint, List<String> problems) {
        Object value = outputs.get(name);
        String rule = name + " must be a whole number from " + min + " to " + max;
        if (value == null) {
            problems.add(rule + hint);
        } else if (!(value instanceof Number number) || !isWhole(number)) {
            problems.add(rule + ", not " + shown(value));
        } else if (!inRange(number, min, max)) {
            problems.add(rule + hint + ", not " + shown(value));
        }
    }

    /** Text, or empty when {@code required} is false; {@code rule} checks the text when given. */
    static void text(Map<String, ?> outputs, String name, boolean required, InputRule rule, List<String> problems) {
        Object value = outputs.get(name);
        if (value == null) {
            if (required) {
                problems.add(name + " is missing");
            }
        } else if (!(value instanceof String text)) {
            problems.add(name + " must be text (in quotes), not " + shown(value));
        } else if (required && text.isBlank()) {
            problems.add(name + " is missing");
        } else if (rule != null && !rule.accepts(text)) {
            problems.add(name + " " + rule.rule());
        } else if (rule == null && (!InputRule.isText(text) || text.length() > 250)) {
            problems.add(name + " must be at most 250 characters without control characters or line breaks, not '"
                    + InputRule.forLog(text) + "'");
        }
    }

    /** {@code true} or {@code false}; empty only when {@code required} is false. */
    static void yesNo(Map<String, ?> outputs, String name, boolean required, List<String> problems) {
        Object value = outputs.get(name);
        if (value == null) {
            if (required) {
                problems.add(name + " is missing");
            }
        } else if (!(value instanceof Boolean)) {
            problems.add(name + " must be true or false" + (required ? "" : " (or empty)") + ", not " + shown(value));
        }
    }

    /** A value as an analyst would recognise it in their cell: {@code the text "three"}, {@code a list}. */
    static String shown(Object value) {
        return switch (value) {
            case String s -> "the text \"" + InputRule.forLog(s) + "\"";
            case List<?> list -> "a list";
            case Map<?, ?> map -> "a context";
            default -> InputRule.forLog(value);
        };
    }

    private static boolean isWhole(Number n) {
        return switch (n) {
            case Integer i -> true;
            case Long l -> true;
            case Short s -> true;
            case Byte b -> true;
            case BigInteger b -> true;
            case BigDecimal d -> d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
            default -> Double.isFinite(n.doubleValue()) && n.doubleValue() == Math.rint(n.doubleValue());
        };
    }

    private static boolean inRange(Number n, long min, long max) {
        BigDecimal value = n instanceof BigDecimal d ? d : n instanceof BigInteger b ? new BigDecimal(b)
                : (n instanceof Double || n instanceof Float) ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }
}
