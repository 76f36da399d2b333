package io.ringback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Configured users ({@code ringback.security.users}) log in with their encoded password and get
 * exactly their permissions; a permission or a password encoding that does not exist stops the start.
 */
class ConfiguredUsersTest {

    private final PasswordEncoder encoder = new SecurityConfiguration().passwordEncoder();

    private static RingbackSecurityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ringback.security", RingbackSecurityProperties.class);
    }

    private DaoAuthenticationProvider login(Map<String, String> values) {
        var provider = new DaoAuthenticationProvider(new ConfiguredUsers(bind(values), encoder));
        provider.setPasswordEncoder(encoder);
        return provider;
    }

    @Test
    void aUserWithABcryptPasswordLogsInWithExactlyTheirPermissions() {
        String hash = new BCryptPasswordEncoder(4).encode("s3cret");
        var users = login(Map.of(
                "ringback.security.users.pbx.password", "{bcrypt}" + hash,
                "ringback.security.users.pbx.permissions", "intake",
                "ringback.security.users.maria.password", "{noop}maria-secret",
                "ringback.security.users.maria.permissions", "callbacks:view, callbacks:cancel"));

        var pbx = users.authenticate(new UsernamePasswordAuthenticationToken("pbx", "s3cret"));
        var maria = users.authenticate(new UsernamePasswordAuthenticationToken("maria", "maria-secret"));

        assertThat(pbx.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("intake");
        assertThat(maria.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("callbacks:view", "callbacks:cancel");
        assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthenticationToken("pbx", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthenticationToken("nobody", "s3cret")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theDefaultsArePublicHealthInfoAndPrometheusAndKeycloaksRealmRoles() {
        var defaults = bind(Map.of());

        assertThat(defaults.publicPaths()).containsExactly("/actuator/health/**", "/actuator/info", "/actuator/prometheus");
        assertThat(defaults.users()).isEmpty();
        assertThat(defaults.jwt().authoritiesClaim()).isEqualTo("realm_access.roles");
        assertThat(defaults.jwt().principalClaim()).isEqualTo("preferred_username");
    }

    @Test
    void anEmptyListOfPublicPathsLeavesNothingPublic() {
        assertThat(bind(Map.of("ringback.security.public-paths", "")).publicPaths()).isEmpty();
    }

    @Test
    void aMistypedPermissionStopsTheStartNamingItAndTheRealOnes() {
        assertThatThrownBy(() -> bind(Map.of(
                "ringback.security.users.maria.password", "{noop}x",
                "ringback.security.users.maria.permissions", "callback:view")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ringback.security.users.maria.permissions: 'callback:view' is not a permission")
                .hasMessageContaining("callbacks:view, callbacks:create");
        assertThatThrownBy(() -> bind(Map.of("ringback.security.role-permissions.ringback-admin", "settings")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ringback.security.role-permissions.ringback-admin: 'settings'");
    }

    @Test
    void aPasswordWithoutItsEncodingOrWithAnUnknownOneStopsTheStart() {
        assertThatThrownBy(() -> bind(Map.of("ringback.security.users.maria.password", "plain")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ringback.security.users.maria.password must name its encoding");
        var unknownEncoding = bind(Map.of("ringback.security.users.maria.password", "{rot13}znevn"));
        assertThatThrownBy(() -> new ConfiguredUsers(unknownEncoding, encoder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ringback.security.users.maria.password").hasMessageContaining("rot13");
    }
}
