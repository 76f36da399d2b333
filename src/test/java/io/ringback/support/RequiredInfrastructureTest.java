package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.RingbackApplication;
import io.ringback.support.RequiredInfrastructure.MissingInfrastructureException;
import io.ringback.support.RequiredInfrastructure.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Without the embedded profile and without real addresses the application refuses to start and
 * names every missing property: a mistyped address never silently starts something else. Nor does
 * it start without a way to log in: configured users or an OAuth2/OIDC issuer.
 */
class RequiredInfrastructureTest {

    private static SpringApplicationBuilder application(String... properties) {
        return new SpringApplicationBuilder(RingbackApplication.class)
                .properties("spring.main.banner-mode=off", "server.port=0")
                .properties(properties);
    }

    @Test
    void withoutAddressesAndWithoutTheEmbeddedProfileTheApplicationFailsNamingEachMissingProperty() {
        assertThatThrownBy(() -> application().run())
                .isInstanceOf(MissingInfrastructureException.class)
                .satisfies(e -> assertThat(((MissingInfrastructureException) e).missing())
                        .extracting(Requirement::property)
                        .containsExactly("camunda.client.grpc-address", "spring.datasource.url", "ringback.ami.host",
                                "ringback.security.users.<name>.password"));
    }

    @Test
    void aMistypedPropertyLeavesItsPartMissing() {
        assertThatThrownBy(() -> application(
                "camunda.client.grpc-address=http://zeebe:26500",
                "spring.datasource.uri=jdbc:postgresql://db:5432/ringback", // typo: uri
                "ringback.ami.host=pbx1.example.net",
                "ringback.security.users.admin.password={noop}secret").run())
                .isInstanceOf(MissingInfrastructureException.class)
                .satisfies(e -> assertThat(((MissingInfrastructureException) e).missing())
                        .extracting(Requirement::property).containsExactly("spring.datasource.url"));
    }

    private static final String[] ADDRESSES = {"camunda.client.grpc-address=http://zeebe:26500",
            "spring.datasource.url=jdbc:postgresql://db:5432/ringback", "ringback.ami.host=pbx1.example.net"};

    private static List<String> missingWith(String... properties) {
        var env = new MockEnvironment();
        for (String property : ADDRESSES) {
            env.setProperty(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        for (String property : properties) {
            env.setProperty(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        return RequiredInfrastructure.missing(env).stream().map(Requirement::property).toList();
    }

    @Test
    void withoutUsersAndWithoutAnIssuerTheApplicationFailsNamingBothWaysToLogIn() {
        assertThatThrownBy(() -> application(ADDRESSES).run())
                .isInstanceOf(MissingInfrastructureException.class)
                .satisfies(e -> {
                    var missing = ((MissingInfrastructureException) e).missing();
                    assertThat(missing).extracting(Requirement::property)
                            .containsExactly("ringback.security.users.<name>.password");
                    assertThat(new MissingInfrastructureFailureAnalyzer().analyze((MissingInfrastructureException) e)
                            .getDescription()).contains("ringback.security.users.<name>.password",
                            "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "a way for its users to log in");
                });
    }

    @Test
    void anyConfiguredUserWithAPasswordOrAnIssuerIsAWayToLogIn() {
        assertThat(missingWith("ringback.security.users.pbx.password={noop}secret")).isEmpty();
        assertThat(missingWith("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://sso.example.net/realms/ringback"))
                .isEmpty();
        assertThat(missingWith("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://sso.example.net/certs"))
                .isEmpty();
    }

    @Test
    void aUserWithoutAPasswordIsNoWayToLogIn() {
        assertThat(missingWith("ringback.security.users.pbx.permissions=intake", "ringback.security.users.maria.password="))
                .containsExactly("ringback.security.users.<name>.password");
    }

    @Test
    void usersGivenAsEnvironmentVariablesCount() {
        var env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "CAMUNDA_CLIENT_GRPCADDRESS", "http://zeebe:26500",
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5432/ringback",
                        "RINGBACK_AMI_HOST", "pbx1.example.net",
                        "RINGBACK_SECURITY_USERS_ADMIN_PASSWORD", "{noop}secret")));
        ConfigurationPropertySources.attach(env); // relaxed binding, as Spring Boot does

        assertThat(RequiredInfrastructure.missing(env)).isEmpty();
    }

    @Test
    void theFailureReportNamesThePropertyAndTheWayToTheEmbeddedMode() {
        var missing = new MissingInfrastructureException(RequiredInfrastructure.REQUIRED.subList(2, 3), false);

        FailureAnalysis analysis = new MissingInfrastructureFailureAnalyzer().analyze(missing);

        assertThat(analysis.getDescription()).contains("ringback.ami.host", "the Asterisk Manager Interface");
        assertThat(analysis.getAction()).contains("mvn spring-boot:run");
    }

    @Test
    void theEmbeddedProfileOutsideTheDevelopmentClassPathSaysSo() {
        var missing = new MissingInfrastructureException(RequiredInfrastructure.REQUIRED, true);

        assertThat(new MissingInfrastructureFailureAnalyzer().analyze(missing).getAction())
                .contains("not in the production jar");
    }
}
