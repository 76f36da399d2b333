package io.ringback.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 7807 problems ({@code application/problem+json}), like every other error of
 * the API. A 401 carries the {@code WWW-Authenticate} challenges of the modes in use (Basic, Bearer
 * with the token's error when a token was refused); a 403 names the permission that is missing.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationModes modes;
    private final ObjectMapper json;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    ProblemResponses(AuthenticationModes modes, ObjectMapper json) {
        this.modes = modes;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (modes.bearer()) {
            bearer.commence(request, response, e); // WWW-Authenticate: Bearer [error="invalid_token", ...]
        }
        if (modes.basic() && !(e instanceof OAuth2AuthenticationException)) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + AuthenticationModes.REALM + "\"");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, unauthorizedDetail(e), Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String missing = missingPermission(e);
        if (missing == null) { // not a missing permission: e.g. the CSRF token of a form
            write(request, response, HttpStatus.FORBIDDEN, e.getMessage(), Map.of());
        } else {
            write(request, response, HttpStatus.FORBIDDEN, "This needs the permission " + missing,
                    Map.of("missingPermission", missing));
        }
    }

    private String unauthorizedDetail(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "The bearer token was refused" + (description == null ? "" : ": " + description);
        }
        if (e instanceof BadCredentialsException) {
            return "The user name or the password is wrong";
        }
        if (e instanceof InsufficientAuthenticationException) {
            return "Log in to use this endpoint: " + modes.howToLogIn();
        }
        return e.getMessage();
    }

    /** The authorities the refusing rule asked for; null when the refusal was not about a permission. */
    private static String missingPermission(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
                && !decision.getAuthorities().isEmpty()) {
            return decision.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .collect(Collectors.joining(" or "));
        }
        return null;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
                       Map<String, Object> properties) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(properties);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
