package io.ringback.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting, for the records of who created, edited or cancelled a callback and for decisions
 * inside a request (an agent editing only their own callbacks). Work that no person started — the
 * AMI event thread, a job worker, a scheduled task — acts as {@value #SYSTEM}.
 */
@Component
public class CurrentUser {

    /** The name of the orchestrator itself, when no user is logged in on this thread. */
    public static final String SYSTEM = "system";

    /** The logged-in user's name (a configured user's name, or the JWT's principal claim), else {@value #SYSTEM}. */
    public String name() {
        Authentication user = authenticated();
        return user == null ? SYSTEM : user.getName();
    }

    /** Whether the logged-in user holds the permission (one of {@link Permissions}); never for {@value #SYSTEM}. */
    public boolean has(String permission) {
        return permissions().contains(permission);
    }

    /** The logged-in user's permissions, sorted; empty for {@value #SYSTEM}. */
    public Set<String> permissions() {
        Authentication user = authenticated();
        Set<String> permissions = new TreeSet<>();
        if (user != null) {
            user.getAuthorities().stream().map(GrantedAuthority::getAuthority).forEach(permissions::add);
        }
        return permissions;
    }

    private static Authentication authenticated() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication;
    }
}
