package io.ringback.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the fuzzer's request bodies. Unlike a JSON library it writes what a hostile client may send: lone
 * surrogate halves (as {@code \uD800} escapes), raw numbers Java cannot hold, and non-ASCII either as UTF-8
 * bytes or as escapes.
 */
final class Json {

    private Json() {}

    static byte[] bytes(Object value, boolean escapeNonAscii) {
        StringBuilder out = new StringBuilder();
        write(out, value, escapeNonAscii);
        return out.toString().getBytes(StandardCharsets.UTF_8); // lone surrogates are escaped: nothing is lost
    }

    static String text(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, true);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, boolean ascii) {
        switch (value) {
            case null -> out.append("null");
            case Hostile.RawJson raw -> out.append(raw.json());
            case Boolean b -> out.append(b);
            case Number n -> out.append(n);
            case String s -> string(out, s, ascii);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()), ascii);
                    out.append(':');
                    write(out, e.getValue(), ascii);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i), ascii);
                }
                out.append(']');
            }
            default -> string(out, value.toString(), ascii);
        }
    }

    private static void string(StringBuilder out, String s, boolean ascii) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (ascii && c > 0x7e) || (Character.isSurrogate(c) && !pairedSurrogate
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
