package io.ringback.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded source of hostile input: strings that break headers, paths, SQL, logs and encodings, values of
 * the wrong type, numbers at and past every boundary. The same seed gives the same sequence, so a run
 * that failed can be repeated exactly ({@code -Dringback.fuzz.seed=...}).
 */
final class Hostile {

    /** What people and attackers actually type, and what the issue found. */
    static final List<String> CORPUS = List.of(
            "", " ", "   ", "\u0000", "a\u0000b", "support\u0000", "support\r\nAction: Originate", "\r\n", "\n", "\r",
            "\t", "x\u0085y", "line\u2028sep", "para\u2029sep", "\u0007bell", "\u001b[31mred", "\u007f",
            "../../etc/passwd", "..%2f..%2fetc", "'; drop table callbacks; --", "\" or \"1\"=\"1", "1; select pg_sleep(5)",
            "${jndi:ldap://127.0.0.1/x}", "#{7*7}", "{{7*7}}", "%s%s%s%n", "%00", "%0d%0a", "<script>alert(1)</script>",
            "😀", "\uD800", "\uDC00", "x\uD83Dy", "\uFFFD", "\uFEFFbom", "\uFFFF", "\u202Eevil", "\u2066iso", "Ana 👩‍💻",
            "Z̵̡̢a̷l̶g̸o̷", "ümlaut", "李小龙", "José da Silva", "O'Brien", "null", "undefined", "true", "0", "-1",
            "1e309", "NaN", "Infinity", "\\", "/", "..", ".", "*", "?", "&", "=", ";", ",", "|", "`id`", "$(id)",
            "PJSIP/1001&PJSIP/1002", "Local/x@y,r", "custom/callback,then", "${EXTEN}", "reconciliation",
            "a".repeat(64), "a".repeat(65), "a".repeat(80), "a".repeat(81), "a".repeat(120), "a".repeat(121),
            "a".repeat(250), "a".repeat(251), "😀".repeat(251), "x".repeat(5_000), "+55 11 98765-4321",
            "+5511987654321", "00000000-0000-0000-0000-000000000000", "2026-11-21T14:05:00Z", "9999-12-31T23:59:59Z");

    private final SplittableRandom random;

    Hostile(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A hostile string: from the corpus, or made of pieces of every kind of character. */
    String string() {
        if (chance(0.6)) {
            return pick(CORPUS);
        }
        StringBuilder s = new StringBuilder();
        int pieces = 1 + random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(9)) {
                case 0 -> s.append((char) random.nextInt(0x20)); // C0 control
                case 1 -> s.append((char) (0x7f + random.nextInt(0x21))); // DEL and C1
                case 2 -> s.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate half
                case 3 -> s.appendCodePoint(0x1F600 + random.nextInt(0x50)); // emoji
                case 4 -> s.appendCodePoint(0xA0 + random.nextInt(0x2000)); // Latin-1 and beyond
                case 5 -> s.append(pick(List.of("\r\n", "\u2028", "\u202E", "\uFFFD", "\u0000", "%0A", "\\n")));
                case 6 -> s.append(pick(CORPUS));
                case 7 -> s.append("a".repeat(1 + random.nextInt(300)));
                default -> {
                    int n = 1 + random.nextInt(12);
                    for (int k = 0; k < n; k++) {
                        s.append((char) (0x21 + random.nextInt(0x5e))); // printable ASCII
                    }
                }
            }
        }
        return s.toString();
    }

    /** A JSON value of any type, most of them wrong for whatever field receives it. */
    Object jsonValue() {
        return switch (random.nextInt(16)) {
            case 0, 1, 2, 3, 4, 5 -> string();
            case 6 -> pick(List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 86_400, 86_401, 500, 501));
            case 7 -> pick(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L));
            case 8 -> new RawJson(pick(List.of("1e309", "-1e309", "1.5", "-0.0", "123456789012345678901234567890",
                    "0.000000000000000000001", "1E2")));
            case 9 -> random.nextBoolean();
            case 10 -> null;
            case 11 -> new ArrayList<>(List.of(string()));
            case 12 -> new LinkedHashMap<>(Map.of(string(), string()));
            case 13 -> new ArrayList<>();
            case 14 -> new LinkedHashMap<>();
            default -> new RawJson("[".repeat(200) + "]".repeat(200)); // deep nesting
        };
    }

    /** A body that is not the JSON an endpoint expects, as bytes. */
    byte[] garbageBody(byte[] valid) {
        return switch (random.nextInt(12)) {
            case 0 -> new byte[0];
            case 1 -> valid.length < 2 ? "{".getBytes() : java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
            case 2 -> "not json at all".getBytes();
            case 3 -> "[]".getBytes();
            case 4 -> "\"a string\"".getBytes();
            case 5 -> "42".getBytes();
            case 6 -> "null".getBytes();
            case 7 -> withInvalidUtf8(valid);
            case 8 -> ("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes();
            case 9 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid); // a UTF-8 byte order mark
            case 10 -> duplicateKeys(valid);
            default -> concat(valid, "}}garbage".getBytes());
        };
    }

    /** The valid body with bytes that are not UTF-8 put inside its first string value. */
    byte[] withInvalidUtf8(byte[] valid) {
        int quote = indexOf(valid, (byte) '"', 2);
        byte[] bad = pick(List.of(new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0x80}));
        if (quote < 0) {
            return concat(valid, bad);
        }
        return concat(java.util.Arrays.copyOf(valid, quote + 1), bad,
                java.util.Arrays.copyOfRange(valid, quote + 1, valid.length));
    }

    private static byte[] duplicateKeys(byte[] valid) {
        String json = new String(valid, java.nio.charset.StandardCharsets.UTF_8);
        if (!json.startsWith("{") || json.length() < 3) {
            return valid;
        }
        return ("{\"queue\":\"first\"," + json.substring(1, json.length() - 1) + ",\"queue\":\"support\\r\\nAction: Originate\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b, int nth) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b && ++seen == nth) {
                return i;
            }
        }
        return -1;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** A value written into JSON as it is (numbers Java cannot hold, deep nesting). */
    record RawJson(String json) {
        @Override
        public String toString() {
            return json.length() > 40 ? json.substring(0, 40) + "…" : json;
        }
    }
}
