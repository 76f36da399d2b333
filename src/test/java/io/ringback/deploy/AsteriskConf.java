package io.ringback.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An Asterisk configuration file as Asterisk reads it: {@code [section]} headers, templates
 * ({@code [name](!)}) and their use ({@code [name](template)}), {@code key = value} and
 * {@code key => value} lines, {@code ;} comments. A section name may appear more than once
 * (pjsip.conf: endpoint, auth and aor of one phone).
 */
final class AsteriskConf {

    record Entry(String key, String value) {}

    record Section(String name, boolean template, List<String> templates, List<Entry> entries) {}

    final List<Section> sections = new ArrayList<>();

    static AsteriskConf parse(String text) {
        AsteriskConf conf = new AsteriskConf();
        Section current = null;
        for (String raw : text.split("\\R")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                String name = line.substring(1, close).strip();
                String options = line.substring(close + 1).strip();
                boolean template = false;
                List<String> templates = new ArrayList<>();
                if (options.startsWith("(") && options.endsWith(")")) {
                    for (String option : options.substring(1, options.length() - 1).split(",")) {
                        String o = option.strip();
                        if (o.equals("!")) {
                            template = true;
                        } else if (!o.isEmpty() && !o.equals("+")) {
                            templates.add(o);
                        }
                    }
                }
                current = new Section(name, template, templates, new ArrayList<>());
                conf.sections.add(current);
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("line outside of any section: " + raw);
            }
            int arrow = line.indexOf("=>");
            int eq = line.indexOf('=');
            int split = arrow >= 0 && arrow <= eq ? arrow : eq;
            if (split < 0) {
                throw new IllegalArgumentException("line without = or =>: " + raw);
            }
            int valueStart = split == arrow ? split + 2 : split + 1;
            current.entries().add(new Entry(line.substring(0, split).strip(), line.substring(valueStart).strip()));
        }
        return conf;
    }

    /** {@code ;} starts a comment unless escaped as {@code \;}. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ';' && (i == 0 || line.charAt(i - 1) != '\\')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Non-template sections with this name (every one of them, in file order). */
    List<Section> sections(String name) {
        return sections.stream().filter(s -> !s.template() && s.name().equals(name)).toList();
    }

    /** Names of the non-template sections, {@code general} and {@code globals} left out. */
    List<String> names() {
        return sections.stream()
                .filter(s -> !s.template())
                .map(Section::name)
                .filter(n -> !n.equals("general") && !n.equals("globals"))
                .distinct()
                .toList();
    }

    /** A key of a section, looked up in the section first and then in its templates. */
    Optional<String> value(Section section, String key) {
        Optional<String> own = section.entries().stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
        if (own.isPresent()) {
            return own;
        }
        for (String template : section.templates()) {
            for (Section t : sections) {
                if (t.name().equals(template)) {
                    Optional<String> inherited = value(t, key);
                    if (inherited.isPresent()) {
                        return inherited;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Every value of a key in a section (its own lines only), e.g. {@code member}, {@code permit}. */
    static List<String> values(Section section, String key) {
        return section.entries().stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
    }

    /** The one value of a key in the first non-template section with that name. */
    String value(String section, String key) {
        return sections(section).stream()
                .flatMap(s -> value(s, key).stream())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in [" + section + "]"));
    }

    /** The section of a pjsip object: the section with that name whose (inherited) type matches. */
    Optional<Section> pjsipObject(String name, String type) {
        return sections(name).stream().filter(s -> value(s, "type").orElse("").equals(type)).findFirst();
    }

    // ---------------------------------------------------------------------------------------------
    // extensions.conf
    // ---------------------------------------------------------------------------------------------

    /** One dialplan line: {@code exten => name,priority,application(arguments)}. */
    record Step(String extension, String priority, String application) {}

    /** The steps of a context, {@code same =>} resolved to the extension above it. */
    List<Step> steps(String context) {
        List<Step> steps = new ArrayList<>();
        String extension = null;
        for (Section section : sections(context)) {
            for (Entry entry : section.entries()) {
                if (entry.key().equals("exten")) {
                    String[] parts = entry.value().split(",", 3);
                    extension = parts[0].strip();
                    steps.add(new Step(extension, parts[1].strip(), parts.length > 2 ? parts[2].strip() : ""));
                } else if (entry.key().equals("same")) {
                    String[] parts = entry.value().split(",", 2);
                    steps.add(new Step(extension, parts[0].strip(), parts.length > 1 ? parts[1].strip() : ""));
                }
            }
        }
        return steps;
    }

    /** Contexts a context includes ({@code include => other}). */
    List<String> includes(String context) {
        return sections(context).stream().flatMap(s -> values(s, "include").stream()).toList();
    }

    /** Whether the context, or a context it includes, has a priority-1 extension matching this one. */
    boolean routes(String context, String dialed) {
        return steps(context).stream()
                        .anyMatch(step -> step.priority().equals("1") && matches(step.extension(), dialed))
                || includes(context).stream().anyMatch(included -> routes(included, dialed));
    }

    /**
     * Asterisk extension matching: a name starting with {@code _} is a pattern where X = 0-9,
     * Z = 1-9, N = 2-9, [...] a set of characters or ranges, . one or more characters, ! zero or more;
     * - is ignored; every other character stands for itself.
     */
    static boolean matches(String extension, String dialed) {
        if (!extension.startsWith("_")) {
            return extension.equals(dialed);
        }
        StringBuilder regex = new StringBuilder();
        String pattern = extension.substring(1);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> regex.append("[0-9]");
                case 'Z' -> regex.append("[1-9]");
                case 'N' -> regex.append("[2-9]");
                case '.' -> regex.append(".+");
                case '!' -> regex.append(".*");
                case '-' -> { }
                case '[' -> {
                    int close = pattern.indexOf(']', i);
                    regex.append('[').append(pattern, i + 1, close).append(']');
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(dialed).matches();
    }
}
