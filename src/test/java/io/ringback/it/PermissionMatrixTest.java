package io.ringback.it;

import static io.ringback.security.Permissions.CALLBACKS_CANCEL;
import static io.ringback.security.Permissions.CALLBACKS_SUPERVISE;
import static io.ringback.security.Permissions.CALLBACKS_CREATE;
import static io.ringback.security.Permissions.CALLBACKS_EDIT;
import static io.ringback.security.Permissions.CALLBACKS_VIEW;
import static io.ringback.security.Permissions.INTAKE;
import static io.ringback.security.Permissions.SETTINGS_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.callback.CallbackStatus;
import io.ringback.security.CurrentUser;
import io.ringback.security.Permissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint for every demo user, and for nobody: allowed (any status but 401 and 403) or refused
 * (401 without a login, 403 naming the missing permission; an RFC 7807 problem either way). The pages
 * the same way, logged in with the login form (a session, CSRF tokens): refused without a login by a
 * redirect to the form, without the permission by a 403 page naming it. The matrix is one line per
 * endpoint, and an endpoint of the API or a page of the agent desktop without a line fails the build.
 * Requests are made so that an allowed one changes nothing: unknown ids, empty bodies and forms.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
class PermissionMatrixTest extends RingbackIntegrationTest {

    /** The demo users of the README and what each may do: the specification the application is held to. */
    static final Map<String, Set<String>> DEMO_USERS = demoUsers();

    static final String ANONYMOUS = "anonymous";

    /** What an endpoint asks of the caller. */
    enum Access { PUBLIC, LOGIN, PERMISSION, PAGE }

    record Endpoint(HttpMethod method, String path, Access access, String permission) {

        boolean allows(String user) {
            return switch (access) {
                case PUBLIC -> true;
                case LOGIN -> !user.equals(ANONYMOUS);
                case PERMISSION, PAGE -> !user.equals(ANONYMOUS)
                        && (permission == null || DEMO_USERS.get(user).contains(permission));
            };
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Endpoint needs(String permission, HttpMethod method, String path) {
        return new Endpoint(method, path, Access.PERMISSION, permission);
    }

    static Endpoint loggedIn(HttpMethod method, String path) {
        return new Endpoint(method, path, Access.LOGIN, null);
    }

    static Endpoint open(HttpMethod method, String path) {
        return new Endpoint(method, path, Access.PUBLIC, null);
    }

    /** A page (or a form it posts) that needs a permission (null: a login): without a login the browser is sent to the login form. */
    static Endpoint page(String permission, HttpMethod method, String path) {
        return new Endpoint(method, path, Access.PAGE, permission);
    }

    static final List<Endpoint> MATRIX = List.of(
            needs(INTAKE, HttpMethod.POST, "/api/abandoned-calls"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/callbacks"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/callbacks/{id}"),
            needs(CALLBACKS_CANCEL, HttpMethod.POST, "/api/callbacks/{id}/cancel"),
            needs(CALLBACKS_CREATE, HttpMethod.POST, "/api/scheduled-callbacks"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/scheduled-callbacks"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/scheduled-callbacks/schedules"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/scheduled-callbacks/{id}"),
            needs(CALLBACKS_EDIT, HttpMethod.PUT, "/api/scheduled-callbacks/{id}"),
            needs(CALLBACKS_CANCEL, HttpMethod.DELETE, "/api/scheduled-callbacks/{id}"),
            needs(CALLBACKS_VIEW, HttpMethod.GET, "/api/kpis/owner-wait-expiries"),
            needs(SETTINGS_ADMIN, HttpMethod.GET, "/api/agents"),
            needs(SETTINGS_ADMIN, HttpMethod.GET, "/api/agents/{userId}"),
            needs(SETTINGS_ADMIN, HttpMethod.PUT, "/api/agents/{userId}"),
            needs(SETTINGS_ADMIN, HttpMethod.DELETE, "/api/agents/{userId}"),
            needs(SETTINGS_ADMIN, HttpMethod.GET, "/api/agents/reconciliation"),
            loggedIn(HttpMethod.GET, "/api/me"),
            loggedIn(HttpMethod.GET, "/api/no-such-endpoint"),
            open(HttpMethod.GET, "/actuator/health"),
            open(HttpMethod.GET, "/actuator/health/readiness"),
            open(HttpMethod.GET, "/actuator/health/liveness"),
            open(HttpMethod.GET, "/actuator/info"),
            open(HttpMethod.GET, "/actuator/prometheus"),
            needs(SETTINGS_ADMIN, HttpMethod.GET, "/actuator"),
            needs(SETTINGS_ADMIN, HttpMethod.GET, "/actuator/metrics"),
            open(HttpMethod.GET, "/v3/api-docs"),
            open(HttpMethod.GET, "/swagger-ui.html"),
            open(HttpMethod.GET, "/swagger-ui/index.html"),
            open(HttpMethod.GET, "/login"),
            page(null, HttpMethod.GET, "/"),
            page(CALLBACKS_VIEW, HttpMethod.GET, "/agent"),
            page(CALLBACKS_VIEW, HttpMethod.GET, "/agent/fragments/schedule"),
            page(CALLBACKS_VIEW, HttpMethod.GET, "/agent/fragments/open-callbacks"),
            page(CALLBACKS_VIEW, HttpMethod.GET, "/agent/fragments/window"),
            page(CALLBACKS_CREATE, HttpMethod.POST, "/agent/scheduled-callbacks"),
            page(CALLBACKS_EDIT, HttpMethod.GET, "/agent/scheduled-callbacks/{id}/edit"),
            page(CALLBACKS_EDIT, HttpMethod.POST, "/agent/scheduled-callbacks/{id}"),
            page(CALLBACKS_CANCEL, HttpMethod.POST, "/agent/scheduled-callbacks/{id}/cancel"));

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    /** A browser's session from the login form (anonymous: before logging in) and a CSRF token of it. */
    record BrowserSession(String cookie, String csrfToken) {}

    private static final Map<String, BrowserSession> SESSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired TestRestTemplate rest;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired CurrentUser currentUser;

    private static Map<String, Set<String>> demoUsers() {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        users.put("admin", Set.copyOf(Permissions.ALL));
        users.put("supervisor", Set.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL,
                CALLBACKS_SUPERVISE));
        users.put("agent1", Set.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL));
        users.put("agent2", Set.of(CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL));
        users.put("viewer", Set.of(CALLBACKS_VIEW));
        users.put("pbx", Set.of(INTAKE));
        return users;
    }

    static Stream<Arguments> everyEndpointForEveryone() {
        List<String> everyone = new ArrayList<>(List.of(ANONYMOUS));
        everyone.addAll(DEMO_USERS.keySet());
        return MATRIX.stream().flatMap(endpoint -> everyone.stream().map(user -> Arguments.of(
                Named.of(endpoint.toString(), endpoint),
                Named.of(user + (endpoint.allows(user) ? " is allowed" : " is refused"), user))));
    }

    private TestRestTemplate as(String user) {
        TestRestTemplate client = rest.withRedirects(Redirects.DONT_FOLLOW);
        return user.equals(ANONYMOUS) ? client : client.withBasicAuth(user, "demo");
    }

    private ResponseEntity<Map> call(Endpoint endpoint, String user) {
        if (endpoint.access() == Access.PAGE) {
            return callPage(endpoint, user);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(endpoint.access() == Access.PAGE ? List.of(MediaType.TEXT_HTML) : List.of(MediaType.ALL));
        Object body = null;
        if (endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT) {
            headers.setContentType(MediaType.APPLICATION_JSON);
            body = Map.of(); // an allowed call is refused as invalid: nothing is created
        }
        String path = endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        var response = as(user).exchange(path, endpoint.method(), new HttpEntity<>(body, headers), byte[].class);
        Map problem = null;
        MediaType type = response.getHeaders().getContentType();
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON) && response.getBody() != null) {
            problem = readJson(response.getBody());
        }
        return new ResponseEntity<>(problem, response.getHeaders(), response.getStatusCode());
    }

    /** A page as a browser asks for it, in the user's session from the login form; a form posted with its CSRF token. */
    private ResponseEntity<Map> callPage(Endpoint endpoint, String user) {
        BrowserSession session = SESSIONS.computeIfAbsent(user, this::logInWithTheForm);
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        headers.add(HttpHeaders.COOKIE, session.cookie());
        Object body = null;
        if (endpoint.method() == HttpMethod.POST) {
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            var fields = new org.springframework.util.LinkedMultiValueMap<String, String>();
            fields.add("_csrf", session.csrfToken()); // an empty form: an allowed one is refused as invalid
            body = fields;
        }
        String path = endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        var response = rest.withRedirects(Redirects.DONT_FOLLOW)
                .exchange(path, endpoint.method(), new HttpEntity<>(body, headers), String.class);
        Map page = response.getBody() == null ? Map.of() : Map.of("html", response.getBody());
        return new ResponseEntity<>(page, response.getHeaders(), response.getStatusCode());
    }

    private BrowserSession logInWithTheForm(String user) {
        TestRestTemplate browser = rest.withRedirects(Redirects.DONT_FOLLOW);
        BrowserSession anonymous = loginForm(browser, null);
        if (user.equals(ANONYMOUS)) {
            return anonymous;
        }
        var fields = new org.springframework.util.LinkedMultiValueMap<String, String>();
        fields.add("username", user);
        fields.add("password", "demo");
        fields.add("_csrf", anonymous.csrfToken());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, anonymous.cookie());
        var login = browser.exchange("/login", HttpMethod.POST, new HttpEntity<>(fields, headers), String.class);
        assertThat(login.getHeaders().getLocation()).as("%s logged in", user).hasNoQuery();
        return loginForm(browser, sessionCookie(login)); // the session's new CSRF token
    }

    /** The login form in a session (a new one when null): its cookie and its CSRF token. */
    private static BrowserSession loginForm(TestRestTemplate browser, String cookie) {
        HttpHeaders headers = new HttpHeaders();
        if (cookie != null) {
            headers.add(HttpHeaders.COOKIE, cookie);
        }
        var form = browser.exchange("/login", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        Matcher token = CSRF.matcher(form.getBody());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        return new BrowserSession(cookie != null ? cookie : sessionCookie(form), token.group(1));
    }

    private static String sessionCookie(ResponseEntity<?> response) {
        return response.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow().split(";")[0];
    }

    private static Map readJson(byte[] json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(json), e);
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointForEveryone")
    void everyEndpointIsAllowedExactlyToTheUsersWithItsPermission(Endpoint endpoint, String user) {
        var response = call(endpoint, user);
        int status = response.getStatusCode().value();

        if (endpoint.allows(user)) {
            assertThat(status).as("status of %s as %s", endpoint, user).isNotIn(401, 403);
            if ((endpoint.access() == Access.PUBLIC || endpoint.access() == Access.PAGE)
                    && response.getHeaders().getLocation() != null) {
                assertThat(response.getHeaders().getLocation().getPath()).as("no login asked").isNotEqualTo("/login");
            }
        } else if (endpoint.access() == Access.PAGE && user.equals(ANONYMOUS)) {
            assertThat(status).isEqualTo(302);
            assertThat(response.getHeaders().getLocation()).hasPath("/login");
        } else if (endpoint.access() == Access.PAGE) {
            assertThat(status).isEqualTo(403);
            assertThat(response.getHeaders().getContentType()).as("a page for the browser")
                    .hasToString("text/html;charset=UTF-8");
            assertThat((String) response.getBody().get("html"))
                    .contains("needs the permission " + endpoint.permission() + ", which " + user + " does not have");
        } else if (user.equals(ANONYMOUS)) {
            assertThat(status).isEqualTo(401);
            assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).contains("Basic realm=\"Ringback\"");
            assertThat(response.getBody()).as("a problem document").containsEntry("status", 401)
                    .containsEntry("title", "Unauthorized").containsKey("detail");
        } else {
            assertThat(status).isEqualTo(403);
            assertThat(response.getBody()).as("a problem document").containsEntry("status", 403)
                    .containsEntry("title", "Forbidden").containsEntry("missingPermission", endpoint.permission());
            assertThat((String) response.getBody().get("detail")).contains(endpoint.permission());
        }
    }

    @Test
    void everyEndpointOfTheApiAndEveryPageOfTheAgentDesktopHasALineInTheMatrix() {
        List<String> inMatrix = MATRIX.stream().map(Endpoint::toString).toList();
        List<String> mapped = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.equals("/agent") || pattern.startsWith("/agent/")) {
                    (methods.isEmpty() ? Set.of(RequestMethod.values()) : methods)
                            .forEach(method -> mapped.add(method + " " + pattern));
                }
            }
        });

        assertThat(mapped).isNotEmpty();
        assertThat(inMatrix).as("a line in MATRIX for each endpoint").containsAll(mapped);
    }

    @Test
    void aWrongPasswordIsRefusedWithAProblemAndAChallenge() {
        var response = rest.withBasicAuth("admin", "not-the-password").getForEntity("/api/callbacks", Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).contains("Basic realm=\"Ringback\"");
        assertThat(response.getBody()).containsEntry("detail", "The user name or the password is wrong")
                .containsEntry("instance", "/api/callbacks");
    }

    @Test
    void eachDemoUserIsWhoTheApiTakesThemForWithThePermissionsOfTheReadme() {
        DEMO_USERS.forEach((user, permissions) -> {
            Map<String, Object> me = rest.withBasicAuth(user, "demo").getForObject("/api/me", Map.class);

            assertThat(me).as(user).containsEntry("name", user);
            assertThat((List<String>) me.get("permissions")).as(user).containsExactlyInAnyOrderElementsOf(permissions);
        });
    }

    @Test
    void workNoUserStartedActsAsTheSystem() {
        assertThat(currentUser.name()).isEqualTo(CurrentUser.SYSTEM);
        assertThat(currentUser.has(CALLBACKS_VIEW)).isFalse();
    }

    @Test
    void theFullNumberIsShownOnlyToUsersWhoMayViewCallbacksAndListsStayMasked() {
        String number = newNumber();
        var created = rest.withBasicAuth("pbx", "demo").postForEntity("/api/abandoned-calls", Map.of("queue", "billing",
                "callerNumber", number, "holdTimeSeconds", 40, "abandonedAt", Instant.now().toString()), Map.class);
        String id = (String) created.getBody().get("callbackId");
        awaitStatus(UUID.fromString(id), CallbackStatus.DISABLED, Duration.ofSeconds(20));

        assertThat(rest.withBasicAuth("viewer", "demo").getForObject("/api/callbacks/" + id, Map.class))
                .containsEntry("phoneNumber", number);
        var byTheIntake = rest.withBasicAuth("pbx", "demo").getForEntity("/api/callbacks/" + id, String.class);
        assertThat(byTheIntake.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byTheIntake.getBody()).doesNotContain(number.substring(3));
        List<Map<String, Object>> list = rest.withBasicAuth("admin", "demo")
                .getForObject("/api/callbacks?queue=billing&number={number}", List.class, number);
        assertThat(list).singleElement().satisfies(summary -> {
            assertThat(summary).doesNotContainKey("phoneNumber");
            assertThat((String) summary.get("phoneNumberMasked")).doesNotContain(number.substring(3));
        });
    }
}
