package io.ringback.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may log in and what each may do (docs/security.md). Users come from an OAuth2/OIDC issuer
 * (bearer JWTs, when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
 * {@code jwk-set-uri} is set), from {@link #users()}, or both; with neither the application does not
 * start. A permission name that is not one of {@link Permissions#ALL} fails the start: a typo must not
 * silently grant nothing.
 *
 * @param publicPaths paths anyone may read without logging in, as Spring path patterns: by default the
 *        health checks of a load balancer or orchestrator, the info endpoint and Prometheus' scrape
 * @param users configured users by name: each with {@code password} (encoded, {@code {bcrypt}...} or
 *        {@code {noop}...}) and {@code permissions}; logged in with HTTP Basic on the API and the login form on pages
 * @param rolePermissions the permissions each role grants, by role name (a value of the JWT claim
 *        {@code ringback.security.jwt.authorities-claim}, matched ignoring case); a claim value without an
 *        entry here is taken as a permission name itself
 * @param jwt how the claims of a bearer token become the user's name and permissions
 */
@ConfigurationProperties("ringback.security")
public record RingbackSecurityProperties(
        @DefaultValue({"/actuator/health/**", "/actuator/info", "/actuator/prometheus"}) List<String> publicPaths,
        Map<String, User> users,
        Map<String, List<String>> rolePermissions,
        @DefaultValue Jwt jwt) {

    public RingbackSecurityProperties {
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        users = users == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(users));
        Map<String, List<String>> roles = new LinkedHashMap<>();
        if (rolePermissions != null) {
            rolePermissions.forEach((role, permissions) -> roles.put(role,
                    permissions == null ? List.of() : permissions.stream().map(String::trim).toList()));
        }
        rolePermissions = Collections.unmodifiableMap(roles);
        rolePermissions.forEach((role, permissions) ->
                requireKnown("ringback.security.role-permissions." + role, permissions));
        users.forEach((name, user) -> {
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalArgumentException("ringback.security.users." + name + ".password is not set");
            }
            if (!ENCODED.matcher(user.password()).matches()) {
                throw new IllegalArgumentException("ringback.security.users." + name + ".password must name its "
                        + "encoding: {bcrypt}$2a$10$... (recommended) or {noop}plain-text");
            }
            requireKnown("ringback.security.users." + name + ".permissions", user.permissions());
        });
    }

    /** {@code {id}encoded}: the form Spring Security's delegating password encoder reads. */
    private static final Pattern ENCODED = Pattern.compile("\\{[^{}]+}.+");

    private static void requireKnown(String property, List<String> permissions) {
        for (String permission : permissions) {
            if (!Permissions.isKnown(permission)) {
                throw new IllegalArgumentException(property + ": '" + permission + "' is not a permission; "
                        + "the permissions are " + String.join(", ", Permissions.ALL));
            }
        }
    }

    /**
     * @param password the password, encoded with its encoding named first: {@code {bcrypt}$2a$10$...}
     *        ({@code htpasswd -bnBC 10 "" secret}) or {@code {noop}secret}
     * @param permissions the permissions of this user, e.g. {@code callbacks:view,callbacks:cancel}
     */
    public record User(String password, List<String> permissions) {
        public User {
            permissions = permissions == null ? List.of() : permissions.stream().map(String::trim).toList();
        }
    }

    /**
     * @param authoritiesClaim the claim that carries the user's roles: a claim name ({@code roles},
     *        {@code groups}) or a dotted path into nested claims ({@code realm_access.roles} for Keycloak's realm
     *        roles, {@code resource_access.<client>.roles} for its client roles); a list, or one string of
     *        values separated by spaces or commas
     * @param principalClaim the claim that names the user (shown as who created, edited or cancelled a
     *        callback); {@code sub} when the token has no such claim
     */
    public record Jwt(@DefaultValue("realm_access.roles") String authoritiesClaim,
                      @DefaultValue("preferred_username") String principalClaim) {}
}
