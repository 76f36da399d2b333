package io.ringback.security;

import static io.ringback.security.Permissions.CALLBACKS_CANCEL;
import static io.ringback.security.Permissions.CALLBACKS_CREATE;
import static io.ringback.security.Permissions.CALLBACKS_EDIT;
import static io.ringback.security.Permissions.CALLBACKS_VIEW;
import static io.ringback.security.Permissions.INTAKE;
import static io.ringback.security.Permissions.SETTINGS_ADMIN;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which permission each endpoint of the API and the actuator needs: one table, read by the filter
 * chain ({@link SecurityConfiguration}) and by the OpenAPI description ({@link ApiDocumentation}), so
 * that what is enforced and what is documented cannot drift. The first rule that matches decides;
 * the public paths ({@code ringback.security.public-paths}) come before all of them, and any other
 * path of the API needs a login and no particular permission. A new endpoint is one line here.
 */
final class AccessRules {

    /**
     * @param method the HTTP method, or null for every method
     * @param pattern a Spring path pattern with the path variables of the controller's mapping ({@code {id}})
     * @param permission the permission it needs
     */
    record Rule(HttpMethod method, String pattern, String permission) {

        RequestMatcher matcher() {
            var matchers = PathPatternRequestMatcher.withDefaults();
            return method == null ? matchers.matcher(pattern) : matchers.matcher(method, pattern);
        }

        /** Whether the rule covers an operation of the OpenAPI description (path as in the mapping). */
        boolean covers(HttpMethod operationMethod, String pathTemplate) {
            PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
            return (method == null || method.equals(operationMethod))
                    && parsed.matches(PathContainer.parsePath(pathTemplate));
        }
    }

    /** The paths of the stateless chain: the API and the actuator, used by machines and scripts. */
    static final List<String> MACHINE_PATHS = List.of("/api/**", "/actuator/**");

    /** The OpenAPI description and the Swagger UI: public (they are on in the embedded mode only). */
    static final List<String> OPEN_API_PATHS = List.of("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/abandoned-calls", INTAKE),
            new Rule(HttpMethod.GET, "/api/callbacks", CALLBACKS_VIEW),
            new Rule(HttpMethod.GET, "/api/callbacks/{id}", CALLBACKS_VIEW),
            new Rule(HttpMethod.POST, "/api/callbacks/{id}/cancel", CALLBACKS_CANCEL),
            new Rule(HttpMethod.POST, "/api/scheduled-callbacks", CALLBACKS_CREATE),
            new Rule(HttpMethod.GET, "/api/scheduled-callbacks", CALLBACKS_VIEW),
            new Rule(HttpMethod.GET, "/api/scheduled-callbacks/schedules", CALLBACKS_VIEW),
            new Rule(HttpMethod.GET, "/api/scheduled-callbacks/{id}", CALLBACKS_VIEW),
            new Rule(HttpMethod.PUT, "/api/scheduled-callbacks/{id}", CALLBACKS_EDIT),
            new Rule(HttpMethod.DELETE, "/api/scheduled-callbacks/{id}", CALLBACKS_CANCEL),
            new Rule(HttpMethod.GET, "/api/kpis/owner-wait-expiries", CALLBACKS_VIEW),
            new Rule(null, "/api/agents/**", SETTINGS_ADMIN),
            // every actuator endpoint that is not public: metrics, the endpoint list, ...
            new Rule(null, "/actuator/**", SETTINGS_ADMIN));

    /**
     * The pages' rules (the page chain: a session from the login form, CSRF on), first match wins. The
     * agent desktop ({@code /agent}, {@code io.ringback.desktop}) needs {@code callbacks:view}; its forms
     * that create, change or cancel a callback need what the same API endpoint needs. Any other page
     * needs a login.
     */
    static final List<Rule> PAGE_RULES = List.of(
            new Rule(HttpMethod.POST, "/agent/scheduled-callbacks", CALLBACKS_CREATE),
            new Rule(HttpMethod.GET, "/agent/scheduled-callbacks/{id}/edit", CALLBACKS_EDIT),
            new Rule(HttpMethod.POST, "/agent/scheduled-callbacks/{id}", CALLBACKS_EDIT),
            new Rule(HttpMethod.POST, "/agent/scheduled-callbacks/{id}/cancel", CALLBACKS_CANCEL),
            new Rule(null, "/agent/**", CALLBACKS_VIEW));

    private AccessRules() {}

    /** The rule of an operation of the OpenAPI description; empty = a login and no particular permission. */
    static Optional<Rule> forOperation(HttpMethod method, String pathTemplate) {
        return RULES.stream().filter(rule -> rule.covers(method, pathTemplate)).findFirst();
    }
}
