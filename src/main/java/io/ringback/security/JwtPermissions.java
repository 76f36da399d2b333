package io.ringback.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A bearer token's user: the name from {@code ringback.security.jwt.principal-claim} (else {@code sub}),
 * the permissions from the roles in {@code ringback.security.jwt.authorities-claim}. Each role is
 * mapped through {@code ringback.security.role-permissions} (ignoring case) when it has an entry
 * there, else it is taken as a permission name itself; roles that are neither (Keycloak's
 * {@code offline_access}, ...) grant nothing and are left out. Spring's
 * own {@code JwtGrantedAuthoritiesConverter} reads only top-level claims and prefixes {@code SCOPE_},
 * which fits neither Keycloak's {@code realm_access.roles} nor permission names.
 */
final class JwtPermissions implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String authoritiesClaim;
    private final String principalClaim;
    private final Map<String, List<String>> rolePermissions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    JwtPermissions(RingbackSecurityProperties properties) {
        this.authoritiesClaim = properties.jwt().authoritiesClaim();
        this.principalClaim = properties.jwt().principalClaim();
        this.rolePermissions.putAll(properties.rolePermissions());
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : roles(jwt)) {
            rolePermissions.getOrDefault(role, List.of(role)).stream().filter(Permissions::isKnown)
                    .map(SimpleGrantedAuthority::new).forEach(authorities::add);
        }
        String name = jwt.getClaimAsString(principalClaim);
        return new JwtAuthenticationToken(jwt, authorities, name == null || name.isBlank() ? jwt.getSubject() : name);
    }

    /** The values of the authorities claim: a claim of that very name, else the dotted path into nested claims. */
    List<String> roles(Jwt jwt) {
        Object value = jwt.getClaims().containsKey(authoritiesClaim)
                ? jwt.getClaims().get(authoritiesClaim)
                : walk(jwt.getClaims(), authoritiesClaim.split("\\."));
        List<String> roles = new ArrayList<>();
        if (value instanceof Collection<?> values) {
            values.stream().filter(v -> v != null).map(String::valueOf).forEach(roles::add);
        } else if (value instanceof String text) {
            for (String role : text.split("[\\s,]+")) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private static Object walk(Map<String, Object> claims, String[] path) {
        Object node = claims;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }
}
