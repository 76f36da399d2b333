package io.ringback.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}; on in the
 * embedded mode, off in production unless {@code springdoc.api-docs.enabled} and
 * {@code springdoc.swagger-ui.enabled} are set): every operation states how to log in and which
 * permission it needs, read from the same {@link AccessRules} the filter chain enforces.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    /** The extension naming an operation's permission, for clients and tests. */
    static final String PERMISSION_EXTENSION = "x-required-permission";
    static final String PROBLEM_SCHEMA = "AccessProblem";

    @Bean
    OpenAPI ringbackOpenApi(AuthenticationModes modes) {
        Components components = new Components();
        if (modes.basic()) {
            components.addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("A configured user (ringback.security.users); in the embedded mode the demo users, "
                            + "password demo"));
        }
        if (modes.bearer()) {
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("An access token of the configured OAuth2/OIDC issuer"));
        }
        return new OpenAPI().components(components).info(new Info().title("Ringback API")
                .description("Callbacks for Asterisk contact centers. Every endpoint needs a login and the "
                        + "permission it names (docs/security.md); errors are RFC 7807 problems."));
    }

    @Bean
    OpenApiCustomizer securityOfEveryOperation(AuthenticationModes modes, RingbackSecurityProperties properties) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    document(operation, HttpMethod.valueOf(method.name()), path, modes, properties.publicPaths())));
        };
    }

    private static void document(Operation operation, HttpMethod method, String path, AuthenticationModes modes,
                                 List<String> publicPaths) {
        if (isPublic(path, publicPaths)) {
            operation.setSecurity(List.of()); // needs no login
            return;
        }
        List<SecurityRequirement> security = new ArrayList<>();
        if (modes.basic()) {
            security.add(new SecurityRequirement().addList(BASIC));
        }
        if (modes.bearer()) {
            security.add(new SecurityRequirement().addList(BEARER));
        }
        operation.setSecurity(security);
        Optional<AccessRules.Rule> rule = AccessRules.forOperation(method, path);
        String needs = rule.map(r -> "Needs the permission `" + r.permission() + "`.")
                .orElse("Needs a login, no particular permission.");
        operation.setDescription(operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
        rule.ifPresent(r -> operation.addExtension(PERMISSION_EXTENSION, r.permission()));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse("401", problem("Not logged in, or the credentials were refused"));
        if (rule.isPresent()) {
            operation.getResponses().addApiResponse("403", problem("Logged in without the permission "
                    + rule.get().permission() + " (the problem's missingPermission names it)"));
        }
    }

    private static boolean isPublic(String path, List<String> publicPaths) {
        return publicPaths.stream().anyMatch(pattern ->
                PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path)));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** RFC 7807, as {@link ProblemResponses} writes it. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 7807 problem: why the request was refused")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Forbidden"))
                .addProperty("status", new IntegerSchema().example(403))
                .addProperty("detail", new StringSchema().example("This needs the permission callbacks:cancel"))
                .addProperty("instance", new StringSchema().example("/api/callbacks/3fa2.../cancel"))
                .addProperty("missingPermission", new StringSchema().example("callbacks:cancel")
                        .description("403 only: the permission the user lacks"));
    }
}
