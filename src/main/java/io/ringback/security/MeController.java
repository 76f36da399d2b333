package io.ringback.security;

import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the API takes the caller for and what they may do. For user interfaces
 * (show only what the user may use) and for checking an identity provider's role mapping.
 */
@RestController
class MeController {

    /**
     * @param name the user's name, as recorded on what they create, edit or cancel
     * @param permissions their permissions, sorted
     */
    record Me(String name, Set<String> permissions) {}

    private final CurrentUser user;

    MeController(CurrentUser user) {
        this.user = user;
    }

    @GetMapping("/api/me")
    Me me() {
        return new Me(user.name(), user.permissions());
    }
}
