package org.poxledger.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every refusal into an RFC 9457 problem detail ({@code application/problem+json}) with a stable {@code code},
 * the {@code field} at fault (and {@code errors}, one entry per bad field, for validation failures) and, when the
 * ledger was involved, the Fabric {@code transactionId}. Spring MVC's own refusals (unsupported method or media type,
 * unknown path, ...) get a code too, derived from their status.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal e) {
        HttpStatus status = ProblemStatus.of(e.code());
        ProblemDetail problem = problem(status, e.code().name(), e.getMessage());
        if (!e.fieldErrors().isEmpty()) {
            problem.setProperty("errors", e.fieldErrors());
        }
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> ledgerException(LedgerException e) {
        HttpStatus status = ProblemStatus.ofLedgerCode(e.code());
        if (status.is5xxServerError()) {
            log.warn(
                    "ledger failure code={} tx={}: {}",
                    e.code(),
                    e.transactionId().orElse("-"),
                    e.getMessage());
        }
        ProblemDetail problem = problem(status, e.code(), e.getMessage());
        ErrorCode.of(e.code()).map(ErrorCode::field).ifPresent(field -> problem.setProperty("field", field));
        e.transactionId().ifPresent(txId -> problem.setProperty("transactionId", txId));
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getConstraintViolations()
                .forEach(v -> errors.putIfAbsent(lastNode(v.getPropertyPath().toString()), v.getMessage()));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    /**
     * Spring Security's firewall checks parameter names only when something reads them all, as binding a
     * {@code @ParameterObject} does: a control or non-printable character in a name then fails inside the controller.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        ErrorCode.MALFORMED_REQUEST.name(),
                        "the request has a parameter name the server does not accept (control or unassigned"
                                + " characters)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        ErrorCode.INTERNAL_ERROR.name(),
                        "the server failed; see its log"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.putIfAbsent(
                        error.getField(), error.isBindingFailure() ? "has an invalid value" : message(error)));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.putIfAbsent(error.getObjectName(), message(error)));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> errors.putIfAbsent(
                            error instanceof FieldError field ? field.getField() : name, message(error)));
        });
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    /**
     * A body that is not JSON is MALFORMED_REQUEST; JSON with a value of the wrong kind for a field ({@code 1.5},
     * {@code "7"}, {@code 2^63} or {@code "ten"} for an amount) is VALIDATION_FAILED naming that field.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = badField(e);
        if (field == null) {
            return ResponseEntity.badRequest()
                    .body(problem(
                            HttpStatus.BAD_REQUEST,
                            ErrorCode.MALFORMED_REQUEST.name(),
                            "request body is missing or not valid JSON for this endpoint"));
        }
        return ResponseEntity.badRequest()
                .body(validationProblem(Map.of(field, "must be a whole number in range where a number is expected")));
    }

    /** @return the dotted path of the JSON value Jackson could not bind, {@code null} for a syntax error */
    private static String badField(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException && !(cause instanceof InputCoercionException)) {
                return null;
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference reference : jackson.getPath()) {
                    if (reference.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ErrorCode.VALIDATION_FAILED.name(),
                "parameter " + e.getParameterName() + " is required");
        problem.setProperty("field", e.getParameterName());
        problem.setProperty("errors", Map.of(e.getParameterName(), "is required"));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name =
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ErrorCode.VALIDATION_FAILED.name(),
                "parameter " + name + " has an invalid value: " + e.getValue());
        problem.setProperty("field", name);
        problem.setProperty("errors", Map.of(String.valueOf(name), "has an invalid value"));
        return ResponseEntity.badRequest().body(problem);
    }

    /** A body of another type than JSON, sent with a bearer token (without one, the API's CSRF filter refuses it). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpStatus json = ProblemStatus.of(ErrorCode.JSON_REQUIRED);
        return ResponseEntity.status(json)
                .headers(headers)
                .body(problem(
                        json,
                        ErrorCode.JSON_REQUIRED.name(),
                        "Content-Type " + e.getContentType() + " is not supported; send application/json"));
    }

    /** Spring MVC's other refusals: keep its problem detail, add a code named after the status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // after super: for some refusals (404 no resource, 415) Spring passes no body and super builds it
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setProperty(
                    "code",
                    known == null ? "HTTP_" + status.value() : known.name().toUpperCase(Locale.ROOT));
        }
        return response;
    }

    private static ProblemDetail validationProblem(Map<String, String> errors) {
        String summary = errors.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .reduce((a, b) -> a + "; " + b)
                .orElse("request is invalid");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED.name(), summary);
        problem.setProperty("errors", errors);
        if (errors.size() == 1) {
            problem.setProperty("field", errors.keySet().iterator().next());
        }
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
