package io.ringback.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JWT resource server mode against a Keycloak-like issuer served from this test: OIDC discovery
 * and a JWK set over HTTP on the loopback, tokens signed with the test's RSA key. The security
 * configuration runs with Spring Boot's own resource server auto-configuration (issuer-uri, issuer
 * validation, signature check), in a small web context without the engine, the database or AMI.
 * A configured intake user logs in with HTTP Basic next to the bearer tokens.
 */
@SpringBootTest(classes = JwtResourceServerTest.SecurityOnly.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                // RequiredInfrastructure checks every address; nothing here connects to them
                "camunda.client.grpc-address=http://unused:26500", "spring.datasource.url=jdbc:postgresql://unused/x",
                "ringback.ami.host=unused",
                "spring.security.oauth2.resourceserver.jwt.audiences=ringback-api",
                "ringback.security.role-permissions.ringback-supervisor=callbacks:view,callbacks:create,callbacks:edit,callbacks:cancel",
                "ringback.security.role-permissions.ringback-viewer=callbacks:view",
                "ringback.security.users.pbx2.password={noop}pbx2-secret",
                "ringback.security.users.pbx2.permissions=intake"})
class JwtResourceServerTest {

    private static final RSAKey KEY = rsaKey("ringback-test");
    private static final RSAKey OTHER_KEY = rsaKey("someone-else");
    private static final HttpServer ISSUER = keycloakLikeIssuer();
    private static final String REALM = "http://127.0.0.1:" + ISSUER.getAddress().getPort() + "/realms/ringback";

    @SpringBootConfiguration
    @EnableConfigurationProperties(RingbackSecurityProperties.class)
    @ComponentScan(basePackageClasses = SecurityConfiguration.class)
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
    static class SecurityOnly {}

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> REALM);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Autowired TestRestTemplate rest;

    private static RSAKey rsaKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Keycloak serves for a realm: the discovery document and the realm's public keys. */
    private static HttpServer keycloakLikeIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/ringback";
            serve(server, "/realms/ringback/.well-known/openid-configuration", """
                    {"issuer": "%s", "jwks_uri": "%s/protocol/openid-connect/certs",
                     "authorization_endpoint": "%s/protocol/openid-connect/auth",
                     "token_endpoint": "%s/protocol/openid-connect/token",
                     "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                    """.formatted(realm, realm, realm, realm));
            serve(server, "/realms/ringback/protocol/openid-connect/certs", new JWKSet(KEY.toPublicJWK()).toString());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(HttpServer server, String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    /** An access token as Keycloak issues it for a user of the realm. */
    private static String token(RSAKey key, String issuer, Instant expires, String username, String... realmRoles) {
        return token(key, issuer, "ringback-api", expires, username, realmRoles);
    }

    private static String token(RSAKey key, String issuer, String audience, Instant expires, String username,
                                String... realmRoles) {
        var claims = new JWTClaimsSet.Builder().issuer(issuer).subject("f3c1-" + username).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(expires))
                .claim("preferred_username", username).claim("typ", "Bearer").claim("azp", "ringback-ui")
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String username, String... realmRoles) {
        return token(KEY, REALM, Instant.now().plus(Duration.ofMinutes(5)), username, realmRoles);
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> call(HttpMethod method, String path, String bearerToken) {
        HttpHeaders headers = new HttpHeaders();
        if (bearerToken != null) {
            headers.setBearerAuth(bearerToken);
        }
        return rest.exchange(path, method, new HttpEntity<>(headers), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKeycloakUserIsNamedByTheirLoginAndGetsThePermissionsOfTheirRealmRoles() {
        var me = call(HttpMethod.GET, "/api/me", token("maria", "ringback-supervisor", "offline_access"));

        assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(me.getBody()).containsEntry("name", "maria");
        assertThat((List<String>) me.getBody().get("permissions"))
                .containsExactly("callbacks:cancel", "callbacks:create", "callbacks:edit", "callbacks:view");
    }

    @Test
    void aRoleWithoutThePermissionIsRefusedWithAProblemNamingIt() {
        var cancel = call(HttpMethod.POST, "/api/callbacks/3fa2b7c1-0000-4000-8000-000000000001/cancel",
                token("vera", "ringback-viewer"));

        assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(cancel.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(cancel.getBody()).containsEntry("missingPermission", "callbacks:cancel");
    }

    @Test
    void aRealmRoleNamedAfterAPermissionGrantsIt() {
        var cancel = call(HttpMethod.POST, "/api/callbacks/3fa2b7c1-0000-4000-8000-000000000001/cancel",
                token("ops", "callbacks:cancel"));

        assertThat(cancel.getStatusCode().value()).as("allowed (no such callback in this context)").isNotIn(401, 403);
    }

    @Test
    void aTokenSignedWithAnotherKeyFromAnotherIssuerForAnotherAudienceOrExpiredIsRefusedWithAProblem() {
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        for (String refused : List.of(
                token(OTHER_KEY, REALM, later, "mallory", "ringback-supervisor"),
                token(KEY, "http://127.0.0.1:1/realms/other", later, "mallory", "ringback-supervisor"),
                token(KEY, REALM, "account", later, "mallory", "ringback-supervisor"),
                token(KEY, REALM, Instant.now().minus(Duration.ofMinutes(5)), "maria", "ringback-supervisor"))) {
            var me = call(HttpMethod.GET, "/api/me", refused);

            assertThat(me.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(me.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(me.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer error=\"invalid_token\"");
            assertThat((String) me.getBody().get("detail")).startsWith("The bearer token was refused");
        }
    }

    @Test
    void withoutALoginBothWaysInAreOffered() {
        var me = call(HttpMethod.GET, "/api/me", null);

        assertThat(me.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(me.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer", "Basic realm=\"Ringback\"");
        assertThat(me.getBody()).containsEntry("detail",
                "Log in to use this endpoint: HTTP Basic with a configured user or a bearer token (JWT)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConfiguredIntakeUserLogsInWithBasicNextToTheIssuer() {
        var me = rest.withBasicAuth("pbx2", "pbx2-secret").getForEntity("/api/me", Map.class);

        assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(me.getBody()).containsEntry("name", "pbx2");
        assertThat((List<String>) me.getBody().get("permissions")).containsExactly("intake");
    }
}
