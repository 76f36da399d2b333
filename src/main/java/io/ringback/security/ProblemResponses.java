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
import org.springframework.http.InvalidMediaTypeException;
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
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.util.HtmlUtils;

/**
 * 401 and 403 as RFC 7807 problems ({@code application/problem+json}), like every other error of
 * the API. A 401 carries the {@code WWW-Authenticate} challenges of the modes in use (Basic, Bearer
 * with the token's error when a token was refused); a 403 names the permission that is missing
 * (for a browser on the page chain, in a small HTML page: {@link #withPagesForBrowsers()}).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationModes modes;
    private final ObjectMapper json;
    private final boolean pagesForBrowsers;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    ProblemResponses(AuthenticationModes modes, ObjectMapper json) {
        this(modes, json, false);
    }

    private ProblemResponses(AuthenticationModes modes, ObjectMapper json, boolean pagesForBrowsers) {
        this.modes = modes;
        this.json = json;
        this.pagesForBrowsers = pagesForBrowsers;
    }

    /**
     * For the page chain: a request that asks for HTML (a browser opening a page it may not see, or
     * posting a form whose CSRF token is stale) gets a small page saying why, with the same status;
     * anything else still gets the problem document.
     */
    ProblemResponses withPagesForBrowsers() {
        return new ProblemResponses(modes, json, true);
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
        if (pagesForBrowsers && asksForHtml(request)) {
            writePage(request, response, missing != null
                    ? "This page needs the permission " + missing + ", which " + userName(request) + " does not have."
                    : e instanceof CsrfException
                            ? "The form was sent without a valid CSRF token (the page may be older than your session): "
                                    + "reload it and try again."
                            : e.getMessage());
            return;
        }
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

    private static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    private static String userName(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? "you" : request.getUserPrincipal().getName();
    }

    private static void writePage(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Forbidden · Ringback</title></head>
                <body>
                <main>
                <h1>Forbidden</h1>
                <p role="alert">%s</p>
                <p><a href="%s/logout">Log in as somebody else</a></p>
                </main>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(message), HtmlUtils.htmlEscape(request.getContextPath())));
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
