package io.ringback.embedded;

import static io.ringback.security.Permissions.CALLBACKS_CANCEL;
import static io.ringback.security.Permissions.CALLBACKS_CREATE;
import static io.ringback.security.Permissions.CALLBACKS_EDIT;
import static io.ringback.security.Permissions.CALLBACKS_SUPERVISE;
import static io.ringback.security.Permissions.CALLBACKS_VIEW;
import static io.ringback.security.Permissions.INTAKE;

import io.ringback.security.Permissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo users of the embedded mode, all with the password {@value #PASSWORD} (README): configured
 * users ({@code ringback.security.users.*}) like those of a small installation, put in place by
 * {@link EmbeddedInfrastructure} with the lowest precedence, so that a user given on the command line
 * overrides its demo namesake. They exist only on the class path of {@code mvn spring-boot:run} and the
 * tests, never in the production jar. {@code agent1} and {@code agent2} are the simulator's members
 * {@code Local/agent1@agents} and {@code Local/agent2@agents}.
 */
final class DemoUsers {

    static final String PASSWORD = "demo";
    static final String PROPERTY_SOURCE = "ringbackEmbeddedDemoUsers";

    /** Each demo user's permissions. */
    static final Map<String, List<String>> PERMISSIONS = demoUsers();

    private DemoUsers() {}

    private static Map<String, List<String>> demoUsers() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        users.put("admin", Permissions.ALL);
        users.put("supervisor", List.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL,
                CALLBACKS_SUPERVISE));
        // agents edit and cancel the callbacks they created (no callbacks:supervise)
        users.put("agent1", List.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL));
        users.put("agent2", List.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL));
        users.put("viewer", List.of(CALLBACKS_VIEW));
        users.put("pbx", List.of(INTAKE));
        return java.util.Collections.unmodifiableMap(users);
    }

    /** The demo users as {@code ringback.security.users.<name>.password} and {@code .permissions}. */
    static MapPropertySource propertySource() {
        Map<String, Object> properties = new LinkedHashMap<>();
        PERMISSIONS.forEach((name, permissions) -> {
            properties.put("ringback.security.users." + name + ".password", "{noop}" + PASSWORD);
            properties.put("ringback.security.users." + name + ".permissions", String.join(",", permissions));
        });
        return new MapPropertySource(PROPERTY_SOURCE, properties);
    }
}
