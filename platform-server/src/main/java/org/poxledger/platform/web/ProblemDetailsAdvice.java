package org.poxledger.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.poxledger.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every refusal into an RFC 9457 problem detail with a stable {@code code}, the {@code field} at fault (or
 * {@code errors}, one per bad field) and, when the ledger was involved, the Fabric {@code transactionId}.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ProblemDetail apiException(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(LedgerException.class)
    ProblemDetail ledgerException(LedgerException e) {
        HttpStatus status = LedgerErrorStatus.of(e.code());
        if (status.is5xxServerError()) {
            log.warn("ledger failure code={} tx={}: {}", e.code(), e.transactionId().orElse("-"), e.getMessage());
        }
        ProblemDetail problem = problem(status, e.code(), e.getMessage());
        e.transactionId().ifPresent(txId -> problem.setProperty("transactionId", txId));
        return problem;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getBindingResult().getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(), message(error)));
        String summary = errors.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .reduce((a, b) -> a + "; " + b)
                .orElse("request body is invalid");
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", summary);
        problem.setProperty("errors", errors);
        if (errors.size() == 1) {
            problem.setProperty("field", errors.keySet().iterator().next());
        }
        return problem;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalidParameter(ConstraintViolationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getConstraintViolations().forEach(v -> errors.putIfAbsent(lastNode(v.getPropertyPath().toString()), v.getMessage()));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", e.getMessage());
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "request body is not valid JSON for this endpoint");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "parameter " + e.getParameterName() + " is required");
        problem.setProperty("field", e.getParameterName());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameterType(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "VALIDATION_FAILED",
                "parameter " + e.getName() + " has an invalid value: " + e.getValue());
        problem.setProperty("field", e.getName());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    private static String message(org.springframework.validation.FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
