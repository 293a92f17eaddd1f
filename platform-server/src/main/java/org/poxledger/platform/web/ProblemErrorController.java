package org.poxledger.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.poxledger.contract.ErrorCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page for what never reaches a controller: Tomcat's own refusals (TRACE, 405), Spring Security's firewall
 * (a {@code ;} in the path, 400) and filters' {@code sendError}. Browsers still get the portal's error page; every
 * other client gets an RFC 9457 problem detail with a {@code code} named after the status, as {@link
 * ProblemDetailsAdvice} gives Spring MVC's refusals, instead of Spring Boot's own JSON.
 */
// no error page without a web server (rebuild-graph mode)
@ConditionalOnWebApplication
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(
            ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> viewResolvers) {
        super(errorAttributes, web.getError(), viewResolvers.orderedStream().toList());
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        return problem(request, statusOf(request));
    }

    @Override
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
        return ResponseEntity.status(statusOf(request)).build();
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpServletRequest request, HttpStatus status) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status, path));
        problem.put("instance", path);
        problem.put(
                "code",
                status.is5xxServerError()
                        ? ErrorCode.INTERNAL_ERROR.name()
                        : status.name().toUpperCase(Locale.ROOT));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    // the error dispatch does not keep the request's method, so no detail names it
    private static String detail(HttpStatus status, String path) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "the request's method is not allowed on " + path;
            case BAD_REQUEST -> "the request for " + path + " was rejected as malformed";
            case NOT_FOUND -> "nothing at " + path;
            default ->
                status.is5xxServerError() ? "the server failed; see its log" : status.getReasonPhrase() + ": " + path;
        };
    }

    private HttpStatus statusOf(HttpServletRequest request) {
        HttpStatus status = HttpStatus.resolve(getStatus(request).value());
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
