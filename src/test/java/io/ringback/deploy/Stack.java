package io.ringback.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The production-like stack as files: {@code docker-compose.yml} read the way Docker Compose reads
 * it ({@code .env} for the {@code ${VARIABLE}} interpolation, {@code $$} for a literal dollar), the
 * configuration under {@code docker/}, the {@code Dockerfile}. No Docker engine is involved.
 */
final class Stack {

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?error}}, ... */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}");
    private static final String ESCAPED_DOLLAR = "\u0000";

    final Path root;
    final Map<String, String> dotEnv;
    final Map<String, Object> compose;

    private Stack(Path root) {
        this.root = root;
        this.dotEnv = parseDotEnv(read(".env"));
        this.compose = new Yaml().load(read("docker-compose.yml"));
    }

    static Stack load() {
        return new Stack(Path.of("").toAbsolutePath());
    }

    String read(String relativePath) {
        try {
            return Files.readString(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relativePath) {
        return Files.exists(root.resolve(relativePath));
    }

    // ---------------------------------------------------------------------------------------------
    // .env and interpolation
    // ---------------------------------------------------------------------------------------------

    /** KEY=VALUE lines as Docker Compose reads them: comments, blank lines, optional quotes. */
    static Map<String, String> parseDotEnv(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(".env line without KEY=VALUE: " + raw);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            values.put(key, value);
        }
        return values;
    }

    /** Compose interpolation with the values of .env; an undefined variable fails the test. */
    String interpolate(String text) {
        String escaped = text.replace("$$", ESCAPED_DOLLAR);
        Matcher m = VARIABLE.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String operator = m.group(2);
            String value = dotEnv.get(name);
            boolean unset = value == null || (operator != null && operator.startsWith(":") && value.isEmpty());
            if (unset) {
                if (operator != null && operator.endsWith("-")) {
                    value = m.group(3);
                } else {
                    throw new AssertionError("${" + name + "} is not defined in .env");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace(ESCAPED_DOLLAR, "$");
    }

    /** Every variable docker-compose.yml interpolates (a {@code $$} escape is not one). */
    Set<String> referencedVariables() {
        Matcher m = VARIABLE.matcher(read("docker-compose.yml").replace("$$", ESCAPED_DOLLAR));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------
    // docker-compose.yml
    // ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("no service " + name + " in docker-compose.yml");
        }
        return service;
    }

    /** The image of a service after interpolation. */
    String image(String service) {
        return interpolate(String.valueOf(service(service).get("image")));
    }

    /** The environment of a service after interpolation (map or KEY=VALUE list form). */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> values = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String entry = interpolate(String.valueOf(item));
                int eq = entry.indexOf('=');
                values.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> healthcheck(String service) {
        return (Map<String, Object>) service(service).get("healthcheck");
    }

    /** The health check's command as one string, after interpolation ({@code $$} becomes {@code $}). */
    String healthcheckCommand(String service) {
        Object test = healthcheck(service).get("test");
        String joined = test instanceof List<?> list
                ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(test);
        return interpolate(joined);
    }

    @SuppressWarnings("unchecked")
    List<String> listOf(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    /** Short-syntax volume entries: source, target, read-only flag. */
    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (String entry : listOf(service, "volumes")) {
            String[] parts = interpolate(entry).split(":");
            mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
        }
        return mounts;
    }

    /** Short-syntax port entries, ranges expanded: [IP:]HOST:CONTAINER[/PROTOCOL]. */
    List<PublishedPort> ports(String service) {
        List<PublishedPort> ports = new ArrayList<>();
        for (String entry : listOf(service, "ports")) {
            String spec = interpolate(entry);
            String protocol = "tcp";
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                protocol = spec.substring(slash + 1);
                spec = spec.substring(0, slash);
            }
            String[] parts = spec.split(":");
            if (parts.length < 2) {
                throw new AssertionError("port without a host port (published on a random one): " + entry);
            }
            String hostIp = parts.length == 3 ? parts[0] : "0.0.0.0";
            int[] host = range(parts[parts.length - 2]);
            int[] container = range(parts[parts.length - 1]);
            if (host[1] - host[0] != container[1] - container[0]) {
                throw new AssertionError("host and container ranges differ in size: " + entry);
            }
            for (int i = 0; i <= host[1] - host[0]; i++) {
                ports.add(new PublishedPort(hostIp, host[0] + i, container[0] + i, protocol));
            }
        }
        return ports;
    }

    private static int[] range(String text) {
        int dash = text.indexOf('-');
        return dash < 0
                ? new int[] {Integer.parseInt(text), Integer.parseInt(text)}
                : new int[] {Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1))};
    }

    /** The conditions a service waits for, by service name (short list form = service_started). */
    Map<String, String> dependsOn(String service) {
        Object value = service(service).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, spec) -> conditions.put(String.valueOf(name),
                    String.valueOf(((Map<?, ?>) spec).get("condition"))));
        } else if (value instanceof List<?> list) {
            list.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
        }
        return conditions;
    }

    // ---------------------------------------------------------------------------------------------
    // Spring Boot's view of a container's environment
    // ---------------------------------------------------------------------------------------------

    /**
     * A Spring environment whose only property source is this environment, as operating-system
     * environment variables with relaxed binding (RINGBACK_AMI_HOST = ringback.ami.host).
     */
    static StandardEnvironment springEnvironment(Map<String, String> variables) {
        var env = new StandardEnvironment();
        var sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
        ConfigurationPropertySources.attach(env);
        return env;
    }

    /** The orchestrator's configuration properties of this prefix, bound from its compose environment. */
    <T> T orchestratorProperties(String prefix, Class<T> type) {
        return Binder.get(springEnvironment(environment("ringback"))).bind(prefix, type).get();
    }

    record Mount(String source, String target, boolean readOnly) {
        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {}
}
