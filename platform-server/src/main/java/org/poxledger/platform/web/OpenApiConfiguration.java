package org.poxledger.platform.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.poxledger.contract.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: bearer tokens or HTTP Basic, and every 4xx/5xx answer documented as an RFC 9457
 * problem detail with its {@code code} ({@link RefusalResponses}).
 */
@Configuration
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    private static final String PRIMITIVE = "x-pox-primitive";

    @Bean
    OpenAPI poxOpenApi() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem detail; `code` is the stable error code")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().example(ErrorCode.VALIDATION_FAILED.name()))
                .addProperty("field", new StringSchema().description("the request field at fault"))
                .addProperty(
                        "errors",
                        new MapSchema()
                                .additionalProperties(new StringSchema())
                                .description("one message per bad field"))
                .addProperty("transactionId", new StringSchema().description("the ledger transaction, if any"));
        return new OpenAPI()
                .info(new Info()
                        .title("PoX Ledger platform API")
                        .version("v1")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSchemas(PROBLEM, problem)
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("from POST /api/v1/auth/token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    /**
     * A primitive record component (a balance, a level) is never {@code null}: mark it, so that {@link
     * #optionalPropertiesMayBeNull()} leaves its type alone.
     */
    @Bean
    PropertyCustomizer primitivesAreNeverNull() {
        return (property, type) -> {
            boolean primitive = type.getType() instanceof Class<?> c
                    ? c.isPrimitive()
                    : type.getType() instanceof JavaType java && java.isPrimitive();
            if (property != null && primitive) {
                property.addExtension(PRIMITIVE, true);
            }
            return property;
        };
    }

    /**
     * Our records leave a property out of {@code required} exactly when it may be absent or {@code null} (a genesis
     * member's recommender, a cycle's last error, a top level's next level; a primitive never is): say so in the schema (OpenAPI 3.1: the type also admits {@code
     * null}), so a client generated from it, or a checker such as schemathesis, accepts the answers the server gives.
     */
    @Bean
    OpenApiCustomizer optionalPropertiesMayBeNull() {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            openApi.getComponents().getSchemas().values().forEach(schema -> {
                if (schema.getProperties() == null) {
                    return;
                }
                java.util.List<String> required =
                        schema.getRequired() == null ? java.util.List.of() : schema.getRequired();
                schema.getProperties().replaceAll((name, property) -> {
                    Schema<?> typed = (Schema<?>) property;
                    boolean primitive = typed.getExtensions() != null
                            && typed.getExtensions().remove(PRIMITIVE) != null;
                    if (typed.getExtensions() != null && typed.getExtensions().isEmpty()) {
                        typed.setExtensions(null);
                    }
                    if (primitive || required.contains(name)) {
                        return typed;
                    }
                    if (typed.get$ref() != null) {
                        // a $ref admits no siblings: a nullable object (a top level's next level) is one of two
                        Schema<Object> none = new Schema<>();
                        none.addType("null");
                        return new Schema<>().anyOf(java.util.List.of(new Schema<>().$ref(typed.get$ref()), none));
                    }
                    if (typed.getTypes() != null && !typed.getTypes().isEmpty()) {
                        typed.addType("null");
                    }
                    return typed;
                });
            });
        };
    }
}
