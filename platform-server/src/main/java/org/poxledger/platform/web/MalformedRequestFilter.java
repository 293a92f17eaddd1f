package org.poxledger.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.poxledger.contract.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, with 400 {@code MALFORMED_REQUEST}, a request whose parameters Tomcat cannot parse (an empty parameter name,
 * {@code ?=0}, a broken percent-encoding): Tomcat 11 throws on the first {@code getParameter} call, which may come
 * from any filter or controller and used to end as a 500 with a stack trace. Parsing once here, right after the
 * character encoding is set and before Spring Security, turns it into one clear answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MalformedRequestFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    MalformedRequestFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException | IllegalArgumentException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST,
                    "the query string or form body cannot be parsed (empty parameter name or bad encoding)");
            problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
            problem.setProperty("code", ErrorCode.MALFORMED_REQUEST.name());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        chain.doFilter(request, response);
    }
}
