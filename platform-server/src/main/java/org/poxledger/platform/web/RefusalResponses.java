package org.poxledger.platform.web;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.poxledger.contract.ErrorCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents every refusal an API operation can answer: one {@code application/problem+json} response per HTTP status
 * (from {@link ProblemStatus}), its description the codes, in {@link ErrorCode} order. The codes are the operation's
 * own {@link Refuses} and those the advice and the filters give every operation of its kind:
 *
 * <ul>
 *   <li>every operation: 500 {@code INTERNAL_ERROR} ({@link ProblemDetailsAdvice}'s last resort);
 *   <li>a request body: 400 {@code MALFORMED_REQUEST} (not JSON) and {@code VALIDATION_FAILED} (a field of the wrong
 *       kind, e.g. {@code 1.5} for an amount, or one that breaks a constraint);
 *   <li>a query parameter: 400 {@code MALFORMED_REQUEST} ({@link MalformedRequestFilter}: a query string that cannot be
 *       parsed; it refuses one on any path, but only where parameters are expected is it documented);
 *   <li>a {@code @ParameterObject} (query parameters bound to a record, such as {@link PageRequest}): 400
 *       {@code MALFORMED_REQUEST} and {@code VALIDATION_FAILED};
 *   <li>a path or query parameter that is validated, converted from text (a number, an enum) or required: 400
 *       {@code VALIDATION_FAILED};
 *   <li>not public (public means {@code @SecurityRequirements} without requirements, {@code security: []}): 401
 *       {@code UNAUTHENTICATED}, and 429 {@code TOO_MANY_ATTEMPTS} (the log-in throttle refuses Basic credentials
 *       of a throttled account before checking them);
 *   <li>under {@value #ADMIN_PATHS} (the ADMIN role's paths): 403 {@code ACCESS_DENIED};
 *   <li>POST, PUT, PATCH, DELETE: 403 {@code CROSS_SITE_REQUEST} and 415 {@code JSON_REQUIRED} (the API's CSRF
 *       filter);
 *   <li>{@link Refuses#ledger()} {@code EVALUATES}: 503 {@code LEDGER_UNAVAILABLE} and 502 {@code CHAINCODE_ERROR};
 *       {@code SUBMITS}: also 503 {@code COMMIT_FAILED} and {@code READ_CONFLICT} (once the retries are spent).
 * </ul>
 */
@Component
class RefusalResponses implements OperationCustomizer {

    static final String ADMIN_PATHS = "/api/v1/admin/";
    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private static final Set<RequestMethod> STATE_CHANGING =
            EnumSet.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.keySet().removeIf(status -> status.startsWith("4") || status.startsWith("5"));
        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
        codes(handler)
                .forEach(code -> byStatus.computeIfAbsent(ProblemStatus.of(code).value(), status -> new ArrayList<>())
                        .add(code));
        byStatus.forEach((status, codes) -> responses.addApiResponse(
                Integer.toString(status),
                new ApiResponse()
                        .description(codes.stream().map(Enum::name).collect(Collectors.joining(", ")))
                        .content(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))))));
        operation.setResponses(responses);
        return operation;
    }

    /** @return every code the operation can answer with, by the rules above */
    static Set<ErrorCode> codes(HandlerMethod handler) {
        Set<ErrorCode> codes = EnumSet.of(ErrorCode.INTERNAL_ERROR);
        Refuses refuses = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Refuses.class);
        if (refuses != null) {
            codes.addAll(Arrays.asList(refuses.value()));
            switch (refuses.ledger()) {
                case SUBMITS ->
                    codes.addAll(EnumSet.of(
                            ErrorCode.LEDGER_UNAVAILABLE,
                            ErrorCode.CHAINCODE_ERROR,
                            ErrorCode.COMMIT_FAILED,
                            ErrorCode.READ_CONFLICT));
                case EVALUATES -> codes.addAll(EnumSet.of(ErrorCode.LEDGER_UNAVAILABLE, ErrorCode.CHAINCODE_ERROR));
                case NONE -> {}
            }
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                codes.add(ErrorCode.MALFORMED_REQUEST);
                codes.add(ErrorCode.VALIDATION_FAILED);
            }
            if (parameter.hasParameterAnnotation(ParameterObject.class)) {
                // query parameters bound to a record, e.g. PageRequest: validated and converted
                codes.add(ErrorCode.MALFORMED_REQUEST);
                codes.add(ErrorCode.VALIDATION_FAILED);
            }
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            if (query != null) {
                codes.add(ErrorCode.MALFORMED_REQUEST);
            }
            boolean required =
                    query != null && query.required() && ValueConstants.DEFAULT_NONE.equals(query.defaultValue());
            boolean bound = query != null || parameter.hasParameterAnnotation(PathVariable.class);
            if (bound && (required || validated(parameter) || parameter.getParameterType() != String.class)) {
                codes.add(ErrorCode.VALIDATION_FAILED);
            }
        }
        if (!isPublic(handler)) {
            codes.add(ErrorCode.UNAUTHENTICATED);
            codes.add(ErrorCode.TOO_MANY_ATTEMPTS);
        }
        RequestMapping mapping = mapping(handler);
        if (path(handler).startsWith(ADMIN_PATHS)) {
            codes.add(ErrorCode.ACCESS_DENIED);
        }
        if (mapping != null && Arrays.stream(mapping.method()).anyMatch(STATE_CHANGING::contains)) {
            codes.add(ErrorCode.CROSS_SITE_REQUEST);
            codes.add(ErrorCode.JSON_REQUIRED);
        }
        return codes;
    }

    private static boolean validated(MethodParameter parameter) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type == Valid.class || type == Validated.class || type.isAnnotationPresent(Constraint.class)) {
                return true;
            }
        }
        return false;
    }

    /** Public: {@code @SecurityRequirements} without requirements on the operation or its controller. */
    private static boolean isPublic(HandlerMethod handler) {
        SecurityRequirements requirements =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), SecurityRequirements.class);
        if (requirements == null) {
            requirements =
                    AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), SecurityRequirements.class);
        }
        return requirements != null && requirements.value().length == 0;
    }

    private static RequestMapping mapping(HandlerMethod handler) {
        return AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
    }

    private static String path(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = mapping(handler);
        return first(type) + first(method);
    }

    private static String first(RequestMapping mapping) {
        return mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
    }
}
