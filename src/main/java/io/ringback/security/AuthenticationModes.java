package io.ringback.security;

/**
 * How users log in, decided by the configuration: HTTP Basic (and the login form of pages) when users
 * are configured ({@code ringback.security.users}), bearer JWTs when an issuer or a JWK set is
 * configured ({@code spring.security.oauth2.resourceserver.jwt.*}); both at once is allowed, e.g. an
 * OIDC issuer for people and a configured intake user for a PBX that cannot fetch tokens.
 *
 * @param basic configured users log in with HTTP Basic (API) and the login form (pages)
 * @param bearer bearer tokens (JWT) of an OAuth2/OIDC issuer are accepted on the API
 */
record AuthenticationModes(boolean basic, boolean bearer) {

    /** The realm of the HTTP Basic challenge. */
    static final String REALM = "Ringback";

    /** How to log in, for the detail of a 401 problem. */
    String howToLogIn() {
        if (basic && bearer) {
            return "HTTP Basic with a configured user or a bearer token (JWT)";
        }
        return bearer ? "a bearer token (JWT)" : "HTTP Basic with a configured user";
    }
}
