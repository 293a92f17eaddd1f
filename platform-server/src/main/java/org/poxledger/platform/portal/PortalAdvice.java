package org.poxledger.platform.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.ledger.LedgerException;
import org.poxledger.platform.policy.LedgerPolicyCatalog;
import org.poxledger.platform.security.PoxUser;
import org.poxledger.platform.web.ProblemStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every portal page gets: the viewer, the number formats and the current path (for {@code aria-current}); and
 * an HTML error page for whatever a portal controller did not turn into a form error. It outranks the API's
 * problem-detail advice, which would otherwise answer a browser with JSON.
 */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalAdvice {

    private static final Logger log = LoggerFactory.getLogger(PortalAdvice.class);

    private final LedgerPolicyCatalog policies;

    PortalAdvice(LedgerPolicyCatalog policies) {
        this.policies = policies;
    }

    @ModelAttribute("viewer")
    Viewer viewer(@AuthenticationPrincipal PoxUser user) {
        return Viewer.of(user);
    }

    @ModelAttribute("fmt")
    PortalFormats formats() {
        return new PortalFormats(() -> policies.currentRecord().policy().currency());
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView refused(Refusal e, HttpServletRequest request, HttpServletResponse response) {
        return errorPage(
                ProblemStatus.of(e.code()), e.code().name(), FormError.of(e).message(), request, response);
    }

    @ExceptionHandler(LedgerException.class)
    ModelAndView ledgerRefused(LedgerException e, HttpServletRequest request, HttpServletResponse response) {
        FormError refusal = FormError.of(e);
        HttpStatus status = ProblemStatus.ofLedgerCode(e.code());
        if (refusal.retryable()) {
            log.warn(
                    "portal: ledger unavailable code={} tx={}: {}",
                    e.code(),
                    e.transactionId().orElse("-"),
                    e.getMessage());
        }
        return errorPage(status, e.code(), refusal.message(), request, response);
    }

    @ExceptionHandler(TypeMismatchException.class)
    ModelAndView badParameter(TypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        String name =
                e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : e.getPropertyName();
        return errorPage(
                HttpStatus.BAD_REQUEST,
                ErrorCode.VALIDATION_FAILED.name(),
                "The address has an invalid value for " + name + ": " + e.getValue() + ".",
                request,
                response);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof ErrorResponse spring) {
            // Spring MVC's own refusals: a bad parameter, a wrong method, ...
            HttpStatusCode status = spring.getStatusCode();
            String detail = spring.getBody().getDetail();
            HttpStatus known = HttpStatus.resolve(status.value());
            return errorPage(known == null ? HttpStatus.BAD_REQUEST : known, null, detail, request, response);
        }
        log.error("portal page {} failed", request.getRequestURI(), e);
        return errorPage(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCode.INTERNAL_ERROR.name(),
                "Something went wrong on our side; the server log has the details.",
                request,
                response);
    }

    private ModelAndView errorPage(
            HttpStatus status, String code, String message, HttpServletRequest request, HttpServletResponse response) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("code", code);
        page.addObject("message", message);
        page.addObject("path", currentPath(request));
        // @ModelAttribute methods do not run for exception handlers: the layout needs these
        page.addObject("viewer", viewer(currentUser()));
        page.addObject("currentPath", currentPath(request));
        response.setStatus(status.value());
        return page;
    }

    private static PoxUser currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof PoxUser user ? user : null;
    }
}
