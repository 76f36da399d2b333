package io.ringback.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security everywhere, in two filter chains:
 * <ul>
 *   <li>the API and the actuator ({@code /api/**}, {@code /actuator/**}): stateless, HTTP Basic for
 *       configured users and/or bearer JWTs of an OAuth2/OIDC issuer, no CSRF (no cookies), 401 and 403
 *       as problem documents; the permissions of {@link AccessRules};
 *   <li>everything else (the pages: the login form, the agent desktop under {@code /agent}): a session
 *       from the login form, CSRF on, the permissions of {@link AccessRules#PAGE_RULES}; a browser refused
 *       a page gets a small HTML page saying why, anything else a problem document; the OpenAPI
 *       description and the Swagger UI are public.
 * </ul>
 * The public paths ({@code ringback.security.public-paths}) need no login in either chain.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // {bcrypt}, {noop}, {argon2}, ...
    }

    @Bean
    ConfiguredUsers configuredUsers(RingbackSecurityProperties properties, PasswordEncoder encoder) {
        return new ConfiguredUsers(properties, encoder);
    }

    /** Bearer tokens when Spring Boot made a JWT decoder ({@code spring.security.oauth2.resourceserver.jwt.*}). */
    @Bean
    AuthenticationModes authenticationModes(ConfiguredUsers users, ObjectProvider<JwtDecoder> jwtDecoder) {
        return new AuthenticationModes(!users.isEmpty(), jwtDecoder.getIfAvailable() != null);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, RingbackSecurityProperties properties, AuthenticationModes modes,
                                    ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(modes, json);
        http.securityMatcher(matchers(AccessRules.MACHINE_PATHS))
                .authorizeHttpRequests(requests -> {
                    permitPublic(requests, properties.publicPaths());
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        requests.requestMatchers(rule.matcher()).hasAuthority(rule.permission());
                    }
                    requests.anyRequest().authenticated();
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (modes.basic()) {
            http.httpBasic(basic -> basic.realmName(AuthenticationModes.REALM).authenticationEntryPoint(problems));
        }
        if (modes.bearer()) {
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtPermissions(properties)))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, RingbackSecurityProperties properties, AuthenticationModes modes,
                                     ObjectMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(modes, json).withPagesForBrowsers();
        http.authorizeHttpRequests(requests -> {
                    permitPublic(requests, properties.publicPaths());
                    requests.requestMatchers(matchers(AccessRules.OPEN_API_PATHS)).permitAll();
                    requests.requestMatchers(matchers(List.of("/error"))).permitAll();
                    for (AccessRules.Rule rule : AccessRules.PAGE_RULES) {
                        requests.requestMatchers(rule.matcher()).hasAuthority(rule.permission());
                    }
                    requests.anyRequest().authenticated();
                })
                .formLogin(form -> form.permitAll())
                .logout(Customizer.withDefaults())
                .exceptionHandling(errors -> errors.accessDeniedHandler(problems)); // not logged in: the login form
        return http.build();
    }

    private static void permitPublic(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            List<String> publicPaths) {
        if (!publicPaths.isEmpty()) {
            requests.requestMatchers(matchers(publicPaths)).permitAll();
        }
    }

    private static RequestMatcher matchers(List<String> patterns) {
        var builder = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(patterns.stream().map(p -> (RequestMatcher) builder.matcher(p)).toList());
    }
}
