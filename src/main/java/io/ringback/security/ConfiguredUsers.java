package io.ringback.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users of {@code ringback.security.users}: for small installations, the docker-compose stack, a
 * PBX's intake user next to an OIDC issuer, and the demo users of the embedded mode. Each one's
 * authorities are exactly its permissions. A password whose encoding Spring Security does not know
 * fails the start, not the first login.
 */
final class ConfiguredUsers implements UserDetailsService {

    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    private final boolean empty;

    ConfiguredUsers(RingbackSecurityProperties properties, PasswordEncoder encoder) {
        properties.users().forEach((name, user) -> {
            try {
                encoder.matches("", user.password());
            } catch (IllegalArgumentException unknownEncoding) {
                throw new IllegalStateException("ringback.security.users." + name + ".password: "
                        + unknownEncoding.getMessage() + " (use {bcrypt} or {noop})", unknownEncoding);
            }
            users.createUser(User.withUsername(name).password(user.password())
                    .authorities(authorities(user.permissions())).build());
        });
        this.empty = properties.users().isEmpty();
    }

    /** No user is configured: HTTP Basic and the login form have no one to let in. */
    boolean isEmpty() {
        return empty;
    }

    @Override
    public UserDetails loadUserByUsername(String name) throws UsernameNotFoundException {
        return users.loadUserByUsername(name);
    }

    private static List<SimpleGrantedAuthority> authorities(List<String> permissions) {
        return permissions.stream().map(SimpleGrantedAuthority::new).toList();
    }
}
