package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Pages log in with the login form: a session cookie, CSRF on. The API never takes that session:
 * it is stateless, every request logs in itself (HTTP Basic or a bearer token).
 */
class LoginFormTest extends RingbackIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @Autowired TestRestTemplate rest;

    /** A browser's first visit: the login form, its CSRF token and the session it belongs to. */
    private record LoginForm(String csrfToken, String sessionCookie) {}

    private TestRestTemplate browser() {
        return rest.withRedirects(Redirects.DONT_FOLLOW);
    }

    private LoginForm openLoginForm() {
        ResponseEntity<String> page = browser().getForEntity("/login", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        Matcher token = CSRF.matcher(page.getBody());
        assertThat(token.find()).as("the form carries a CSRF token").isTrue();
        return new LoginForm(token.group(1), cookie(page));
    }

    private ResponseEntity<String> submit(LoginForm form, String user, String password, boolean withToken) {
        var fields = new LinkedMultiValueMap<String, String>();
        fields.add("username", user);
        fields.add("password", password);
        if (withToken) {
            fields.add("_csrf", form.csrfToken());
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, form.sessionCookie());
        return browser().exchange("/login", HttpMethod.POST, new HttpEntity<>(fields, headers), String.class);
    }

    private ResponseEntity<String> get(String path, String sessionCookie, MediaType accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, sessionCookie);
        headers.setAccept(List.of(accept));
        return browser().exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static String cookie(ResponseEntity<?> response) {
        List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        assertThat(cookies).as("a session cookie").isNotNull();
        return cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow().split(";")[0];
    }

    @Test
    void aDemoUserLogsInWithTheFormAndThenReachesThePages() {
        ResponseEntity<String> login = submit(openLoginForm(), "agent1", "demo", true);

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(login.getHeaders().getLocation()).hasPath("/").hasNoQuery();
        var home = get("/", cookie(login), MediaType.TEXT_HTML);
        assertThat(home.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(home.getHeaders().getLocation()).as("the root is the agent desktop").hasPath("/agent");
        var page = get("/agent", cookie(login), MediaType.TEXT_HTML);
        assertThat(page.getStatusCode()).as("logged in: no login form, the page").isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("<span id=\"user-name\">agent1</span>").contains("Schedule a callback");
    }

    @Test
    void aWrongPasswordSendsTheBrowserBackToTheForm() {
        ResponseEntity<String> login = submit(openLoginForm(), "agent1", "not-the-password", true);

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(login.getHeaders().getLocation()).hasPath("/login").hasQuery("error");
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefusedWithAProblem() {
        ResponseEntity<String> login = submit(openLoginForm(), "agent1", "demo", false);

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(login.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(login.getBody()).contains("CSRF");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void theSessionOfTheLoginFormDoesNotOpenTheApi() {
        String session = cookie(submit(openLoginForm(), "admin", "demo", true));

        ResponseEntity<String> api = get("/api/me", session, MediaType.APPLICATION_JSON);

        assertThat(api.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api.getHeaders().getContentType()).hasToString("application/problem+json");
        Map me = rest.withBasicAuth("admin", "demo").getForObject("/api/me", Map.class);
        assertThat(me).containsEntry("name", "admin");
    }
}
