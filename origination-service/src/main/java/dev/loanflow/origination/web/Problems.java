package dev.loanflow.origination.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jakarta.validation.ConstraintViolationException;

import dev.loanflow.origination.application.Transitions;
import dev.loanflow.origination.domain.Violation;

/** Every refusal is application/problem+json; invalid input names each bad field under {@code errors}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class Problems {

    private static final int RETRY_AFTER_SECONDS = 5;
    private static final URI VALIDATION = URI.create("https://loanflow.dev/problems/invalid-application");

    static ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields");
        problem.setType(VALIDATION);
        problem.setTitle("Invalid application");
        problem.setProperty("errors", violations.stream()
                .map(violation -> Map.of("field", violation.field(), "message", violation.message())).toList());
        return respond(problem);
    }

    static ResponseEntity<ProblemDetail> of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return respond(problem);
    }

    /** The same answer whether the application does not exist or belongs to someone else. */
    static ResponseEntity<ProblemDetail> notFound(String applicationId) {
        return of(HttpStatus.NOT_FOUND, "No such application", "no application " + applicationId);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException invalid) {
        return invalid(invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(error.getField(), message(error))).toList());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException unreadable) {
        return of(HttpStatus.BAD_REQUEST, "Unreadable request", "malformed JSON, a duplicated key or a wrong field type");
    }

    @ExceptionHandler(Transitions.ConcurrentChange.class)
    ResponseEntity<ProblemDetail> busy(Transitions.ConcurrentChange busy) {
        return of(HttpStatus.CONFLICT, "Concurrent change", "the application changed while this request ran; try again");
    }

    @ExceptionHandler({MissingRequestHeaderException.class, ConstraintViolationException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, HandlerMethodValidationException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception bad) {
        return of(HttpStatus.BAD_REQUEST, "Invalid request", bad.getMessage());
    }

    /**
     * The database cannot be reached within the pool's short wait: nothing was written, and the caller is told to come
     * back rather than held for the length of an outage.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> unavailable(Exception outage) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the application store cannot be reached; nothing was stored, try again shortly");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)).body(problem);
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
