package io.ringback.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** How a bearer token's claims become the user's name and permissions. */
class JwtPermissionsTest {

    private static RingbackSecurityProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ringback.security", RingbackSecurityProperties.class);
    }

    private static Jwt token(Map<String, Object> claims) {
        var jwt = Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).subject("9f0c2a4e-5b1d-4c3e-8f7a-1d2e3f4a5b6c");
        claims.forEach(jwt::claim);
        return jwt.build();
    }

    private static List<String> permissions(JwtPermissions converter, Jwt jwt) {
        return converter.convert(jwt).getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    /** A Keycloak access token: realm roles under realm_access.roles, the login name in preferred_username. */
    private static Jwt keycloakToken(String username, String... realmRoles) {
        return token(Map.of("preferred_username", username,
                "realm_access", Map.of("roles", List.of(realmRoles)),
                "resource_access", Map.of("account", Map.of("roles", List.of("manage-account")))));
    }

    @Test
    void keycloakRealmRolesAreMappedToTheirPermissionsByDefault() {
        var converter = new JwtPermissions(properties(Map.of(
                "ringback.security.role-permissions.ringback-supervisor", "callbacks:view,callbacks:cancel",
                "ringback.security.role-permissions.ringback-viewer", "callbacks:view")));

        var user = converter.convert(keycloakToken("maria", "ringback-supervisor", "ringback-viewer", "offline_access"));

        assertThat(user.getName()).isEqualTo("maria");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("callbacks:view", "callbacks:cancel");
    }

    @Test
    void aRoleWithoutAMappingIsTakenAsAPermissionNameAndAnythingElseGrantsNothing() {
        var converter = new JwtPermissions(properties(Map.of()));

        assertThat(permissions(converter, keycloakToken("pbx2", "intake", "uma_authorization", "default-roles-ringback")))
                .containsExactly("intake");
    }

    @Test
    void rolesAreMatchedIgnoringCase() {
        var converter = new JwtPermissions(properties(Map.of(
                "ringback.security.role-permissions.supervisor", "callbacks:cancel")));

        assertThat(permissions(converter, keycloakToken("maria", "Supervisor"))).containsExactly("callbacks:cancel");
    }

    @Test
    void theRolesClaimCanBeAClientsRolesATopLevelListOrAStringOfValues() {
        var clientRoles = new JwtPermissions(properties(Map.of(
                "ringback.security.jwt.authorities-claim", "resource_access.ringback-api.roles")));
        var groups = new JwtPermissions(properties(Map.of("ringback.security.jwt.authorities-claim", "groups")));
        var namespaced = new JwtPermissions(properties(Map.of(
                "ringback.security.jwt.authorities-claim", "https://ringback.example.net/roles")));

        assertThat(permissions(clientRoles, token(Map.of("resource_access",
                Map.of("ringback-api", Map.of("roles", List.of("callbacks:view"))))))).containsExactly("callbacks:view");
        assertThat(permissions(groups, token(Map.of("groups", "callbacks:view intake")))).containsExactly("callbacks:view", "intake");
        assertThat(permissions(namespaced, token(Map.of("https://ringback.example.net/roles", List.of("settings:admin")))))
                .containsExactly("settings:admin");
    }

    @Test
    void aTokenWithoutTheClaimGrantsNothingAndIsNamedByItsSubjectWithoutTheNameClaim() {
        var converter = new JwtPermissions(properties(Map.of()));

        var user = converter.convert(token(Map.of("scope", "openid profile")));

        assertThat(user.getAuthorities()).isEmpty();
        assertThat(user.getName()).isEqualTo("9f0c2a4e-5b1d-4c3e-8f7a-1d2e3f4a5b6c");
    }
}
