package io.ringback.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables set on one simulated channel, and the ones manager.conf's {@code channelvars} asks
 * Asterisk to report in every event about it.
 *
 * <p>As Asterisk 22 builds an event's channel block ({@code main/manager_channels.c},
 * {@code ast_manager_build_channel_state_string_prefix}), the block ends, after {@code Linkedid}, with
 * one {@code <prefix>ChanVariable: <name>=<value>} line per configured name in configured order. Each
 * value is looked up on the channel and is empty when the channel does not carry the variable
 * ({@code main/channel.c}, {@code channel_get_external_vars}), and is escaped like a C string
 * ({@code ast_escape_c}). A name is matched without the inheritance prefix {@code _} or {@code __}
 * ({@code ast_var_name}), case-sensitively. An event raised for a channel rather than built from its
 * snapshot (the answered OriginateResponse) instead ends with {@code ChanVariable(<channel>): name=value}
 * lines, unescaped ({@code main/manager.c}, {@code append_channel_vars}). Immutable.
 */
final class ChannelVariables {

    private static final String ESCAPED = "\u0007\b\f\n\r\t\u000b\\'\"?";
    private static final String ESCAPES = "abfnrtv\\'\"?";

    /** One variable as set, e.g. full name {@code __CB_TRACE} for the name {@code CB_TRACE}. */
    private record Variable(String fullName, String value) {
    }

    private final List<String> reported;
    private final Map<String, Variable> byName;

    private ChannelVariables(List<String> reported, Map<String, Variable> byName) {
        this.reported = reported;
        this.byName = byName;
    }

    /** A channel without variables, in a PBX that reports the {@code reported} names. */
    static ChannelVariables none(List<String> reported) {
        return new ChannelVariables(List.copyOf(reported), Map.of());
    }

    /** These variables plus {@code variables} (full names, as an Originate's {@code Variable} headers set them). */
    ChannelVariables with(Map<String, String> variables) {
        Map<String, Variable> merged = new LinkedHashMap<>(byName);
        variables.forEach((fullName, value) -> merged.put(nameOf(fullName), new Variable(fullName, value)));
        return new ChannelVariables(reported, Collections.unmodifiableMap(merged));
    }

    /**
     * What a channel dialed from this one inherits ({@code ast_channel_inherit_variables}): {@code _X}
     * as a plain {@code X}, {@code __X} as {@code __X}, variables without prefix not at all.
     */
    ChannelVariables inherited() {
        Map<String, Variable> inherited = new LinkedHashMap<>();
        byName.forEach((name, variable) -> {
            if (variable.fullName().startsWith("__")) {
                inherited.put(name, variable);
            } else if (variable.fullName().startsWith("_")) {
                inherited.put(name, new Variable(name, variable.value()));
            }
        });
        return new ChannelVariables(reported, Collections.unmodifiableMap(inherited));
    }

    /** The value of the variable named {@code name} (without prefix), or {@code null}. */
    String get(String name) {
        Variable variable = byName.get(name);
        return variable == null ? null : variable.value();
    }

    /** The values of the {@code ChanVariable} lines of a channel block, {@code name=value}, one per reported name. */
    List<String> reportedValues() {
        return reported(true);
    }

    /**
     * The same, unescaped, as {@code append_channel_vars} in {@code main/manager.c} writes them after an
     * event raised for a channel, such as an answered OriginateResponse.
     */
    List<String> reportedRawValues() {
        return reported(false);
    }

    private List<String> reported(boolean escaped) {
        List<String> lines = new ArrayList<>(reported.size());
        for (String name : reported) {
            String value = Objects.requireNonNullElse(get(name), "");
            lines.add(name + "=" + (escaped ? escape(value) : value));
        }
        return lines;
    }

    private static String nameOf(String fullName) {
        if (fullName.startsWith("__")) {
            return fullName.substring(2);
        }
        return fullName.startsWith("_") ? fullName.substring(1) : fullName;
    }

    /** {@code ast_escape_c}: the C escape sequences, so that a value never breaks the line. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int special = ESCAPED.indexOf(c);
            if (special >= 0) {
                escaped.append('\\').append(ESCAPES.charAt(special));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
