package org.poxledger.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.poxledger.contract.ErrorCode;
import org.poxledger.platform.security.SetupService;
import org.poxledger.platform.support.Neo4jTestServer;
import org.poxledger.platform.support.PoxSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs} against the server: every operation lists the refusals the advice and
 * the filters can give it, each listed code is an {@link ErrorCode} under its own status, and exactly the operations
 * marked {@code security: []} answer a caller without credentials.
 */
@PoxSpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Set<String> STATE_CHANGING = Set.of("post", "put", "patch", "delete");

    @LocalServerPort
    int port;

    @Autowired
    SetupService setup;

    @Autowired
    Driver driver;

    @Autowired
    JsonMapper json;

    private RestTestClient http;
    private JsonNode docs;

    /** One operation of the document. */
    private record Op(String path, String method, JsonNode node) {

        boolean isPublic() {
            return node.has("security") && node.get("security").isEmpty();
        }

        Map<String, JsonNode> errorResponses() {
            Map<String, JsonNode> errors = new java.util.TreeMap<>();
            node.get("responses").properties().forEach(entry -> {
                if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                    errors.put(entry.getKey(), entry.getValue());
                }
            });
            return errors;
        }

        Set<ErrorCode> codes() {
            Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
            errorResponses().values().forEach(response -> {
                for (String name : response.get("description").asString().split(", ")) {
                    ErrorCode.of(name).ifPresent(codes::add);
                }
            });
            return codes;
        }

        @Override
        public String toString() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    @BeforeEach
    void readTheDocument() throws Exception {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        byte[] body = http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        Files.write(Path.of("target/api-docs.json"), body);
        docs = json.readTree(body);
    }

    private List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        docs.get("paths").properties().forEach(path -> path.getValue()
                .properties()
                .forEach(method -> operations.add(new Op(path.getKey(), method.getKey(), method.getValue()))));
        assertThat(operations).hasSizeGreaterThan(40);
        return operations;
    }

    @Test
    void every_listed_code_is_an_error_code_under_its_own_status_with_the_problem_schema() {
        SoftAssertions softly = new SoftAssertions();
        for (Op op : operations()) {
            op.errorResponses().forEach((status, response) -> {
                for (String name : response.get("description").asString().split(", ")) {
                    softly.assertThat(ErrorCode.of(name))
                            .as("%s %s lists %s", op, status, name)
                            .hasValueSatisfying(
                                    code -> assertThat(ProblemStatus.of(code).value())
                                            .as("%s lists %s under %s", op, code, status)
                                            .isEqualTo(Integer.parseInt(status)));
                }
                softly.assertThat(response.at("/content/application~1problem+json/schema/$ref")
                                .asString())
                        .as("%s %s schema", op, status)
                        .isEqualTo("#/components/schemas/Problem");
            });
        }
        softly.assertAll();
    }

    @Test
    void every_operation_lists_the_refusals_its_advice_and_filters_can_give() {
        SoftAssertions softly = new SoftAssertions();
        for (Op op : operations()) {
            Set<ErrorCode> expected = EnumSet.of(ErrorCode.INTERNAL_ERROR);
            if (op.node().has("requestBody")) {
                expected.addAll(Set.of(ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_REQUEST));
            }
            for (JsonNode parameter : op.node().path("parameters")) {
                JsonNode schema = parameter.path("schema");
                boolean converted = !"string".equals(schema.path("type").asString(""));
                boolean constrained = schema.has("pattern")
                        || schema.has("minimum")
                        || schema.has("maximum")
                        || schema.has("enum")
                        || parameter.path("required").asBoolean(false)
                                && "query".equals(parameter.path("in").asString());
                if (converted || constrained) {
                    expected.add(ErrorCode.VALIDATION_FAILED);
                }
                if ("query".equals(parameter.path("in").asString())) {
                    expected.add(ErrorCode.MALFORMED_REQUEST);
                }
            }
            if (!op.isPublic()) {
                expected.addAll(Set.of(ErrorCode.UNAUTHENTICATED, ErrorCode.TOO_MANY_ATTEMPTS));
            }
            if (op.path().startsWith("/api/v1/admin/")) {
                expected.add(ErrorCode.ACCESS_DENIED);
            }
            if (STATE_CHANGING.contains(op.method())) {
                expected.addAll(Set.of(ErrorCode.CROSS_SITE_REQUEST, ErrorCode.JSON_REQUIRED));
            }
            softly.assertThat(op.codes()).as(op.toString()).containsAll(expected);
        }
        softly.assertAll();
    }

    @Test
    void operations_that_reach_the_ledger_list_its_transport_failures() {
        Map<String, Op> byName = new java.util.HashMap<>();
        operations().forEach(op -> byName.put(op.toString(), op));
        assertThat(byName.get("POST /api/v1/me/wallet/transfers").codes())
                .contains(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.READ_CONFLICT, ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(byName.get("POST /api/v1/admin/members/genesis").codes())
                .contains(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.READ_CONFLICT);
        assertThat(byName.get("GET /api/v1/public/cycles/{cycleId}").codes())
                .contains(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.CYCLE_NOT_FOUND)
                .doesNotContain(ErrorCode.READ_CONFLICT, ErrorCode.UNAUTHENTICATED);
        assertThat(byName.get("GET /api/v1/me/invitations").codes())
                .doesNotContain(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.CROSS_SITE_REQUEST);
    }

    @Test
    void exactly_the_operations_marked_public_answer_a_caller_without_credentials() {
        SoftAssertions softly = new SoftAssertions();
        for (Op op : operations()) {
            if (op.path().startsWith("/api/v1/public/")) {
                softly.assertThat(op.isPublic())
                        .as("%s is marked security: []", op)
                        .isTrue();
            }
            if (op.isPublic()) {
                softly.assertThat(op.node().get("security")).as(op.toString()).isEmpty();
            }
            int status = call(op, null).returnResult().getStatus().value();
            if (op.isPublic()) {
                softly.assertThat(status).as("%s without credentials", op).isNotEqualTo(401);
            } else {
                softly.assertThat(status).as("%s without credentials", op).isEqualTo(401);
            }
        }
        softly.assertAll();
    }

    @Test
    void admin_operations_refuse_a_member_with_access_denied() {
        Neo4jTestServer.deleteAllData(driver);
        setup.createFirstAdmin(setup.issueTokenIfNoAdmin().orElseThrow(), "root", PASSWORD);
        String member = "ivy" + UUID.randomUUID().toString().substring(0, 6);
        http.post()
                .uri("/api/v1/admin/members/genesis")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBasicAuth("root", PASSWORD))
                .body(Map.of(
                        "network", "wechat",
                        "handle", member,
                        "displayName", "Ivy",
                        "username", member,
                        "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isCreated();
        SoftAssertions softly = new SoftAssertions();
        List<Op> admin = operations().stream()
                .filter(op -> op.path().startsWith("/api/v1/admin/"))
                .toList();
        assertThat(admin).hasSizeGreaterThan(15);
        for (Op op : admin) {
            var result = call(op, member).returnResult();
            softly.assertThat(result.getStatus().value()).as(op.toString()).isEqualTo(403);
            softly.assertThat(new String(result.getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8))
                    .as(op.toString())
                    .contains("\"ACCESS_DENIED\"");
        }
        softly.assertAll();
    }

    @Test
    void fields_that_may_be_null_in_answers_are_nullable_and_required_request_fields_are_not() {
        JsonNode schemas = docs.get("components").get("schemas");
        for (String field : new String[] {
            "CyclePlan/properties/lastError",
            "CycleProgress/properties/lastError",
            "CycleProgress/properties/runnerOwner",
            "PolicyDraft/properties/updatedBy",
            "MemberView/properties/recommenderId"
        }) {
            assertThat(types(schemas.at("/" + field))).as(field).contains("string", "null");
        }
        JsonNode nextLevel = schemas.at("/MemberStanding/properties/nextLevel/anyOf");
        assertThat(nextLevel.findValuesAsString("$ref")).containsExactly("#/components/schemas/NextLevel");
        assertThat(nextLevel.findValuesAsString("type")).containsExactly("null");
        assertThat(types(schemas.at("/AcceptRequest/properties/username"))).containsExactly("string");
        assertThat(types(schemas.at("/AdminMemberView/properties/balance"))).containsExactly("integer");
        assertThat(types(schemas.at("/AdminMemberView/properties/level"))).containsExactly("integer");
        assertThat(types(schemas.at("/MemberView/properties/registeredAt"))).containsExactly("integer");
        assertThat(docs.toString()).doesNotContain("x-pox-primitive");
        assertThat(types(schemas.at("/TransferRequest/properties/amount"))).containsExactly("integer");
    }

    private static List<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (!type.isMissingNode()) {
            types.add(type.asString());
        }
        return types;
    }

    /** Calls the operation with dummy path variables and, when it changes state, an empty JSON object. */
    private RestTestClient.BodyContentSpec call(Op op, String user) {
        String uri = op.path().replaceAll("\\{[^}]+}", "x1");
        var request = http.method(HttpMethod.valueOf(op.method().toUpperCase(java.util.Locale.ROOT)))
                .uri(uri);
        if (user != null) {
            request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        if (STATE_CHANGING.contains(op.method())) {
            request.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        return request.exchange().expectBody();
    }
}
