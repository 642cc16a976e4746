package dev.loanflow.simulator.web;

import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.loanflow.simulator.application.BankDown;
import dev.loanflow.simulator.application.BankRefusal;
import dev.loanflow.simulator.web.ApiModels.ErrorResponse;

/** Every failure answers with the bank's documented error body. */
@RestControllerAdvice
class ErrorResponses {

    @ExceptionHandler(BankRefusal.class)
    ResponseEntity<ErrorResponse> refused(BankRefusal refusal) {
        HttpStatus status = refusal.kind() == BankRefusal.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(new ErrorResponse(false, "99", refusal.getMessage(),
                refusal.errorCode(), refusal.getMessage(), refusal.referenceId()));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorResponse> invalidBody(MethodArgumentNotValidException invalid) {
        String message = invalid.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof org.springframework.validation.FieldError field
                        ? field.getField() + " " + field.getDefaultMessage() : error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return badRequest(message);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, HandlerMethodValidationException.class})
    ResponseEntity<ErrorResponse> unreadable(Exception invalid) {
        String message = invalid instanceof HttpMessageNotReadableException
                ? "Malformed JSON or wrong field type" : invalid.getMessage();
        return badRequest(message);
    }

    @ExceptionHandler(Unauthorized.class)
    ResponseEntity<ErrorResponse> unauthorized(Unauthorized unauthorized) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(ErrorResponse.of("UNAUTHORIZED", unauthorized.getMessage()));
    }

    @ExceptionHandler(BankDown.class)
    ResponseEntity<ErrorResponse> bankDown(BankDown down) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ErrorResponse.of("BANK_UNAVAILABLE",
                down.getMessage()));
    }

    @ExceptionHandler(FaultInjectionInterceptor.InjectedFault.class)
    ResponseEntity<ErrorResponse> injected(FaultInjectionInterceptor.InjectedFault fault) {
        HttpStatus status = fault.timeout() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.INTERNAL_SERVER_ERROR;
        return ResponseEntity.status(status).body(ErrorResponse.of(fault.timeout() ? "TIMEOUT" : "SERVER_ERROR",
                fault.getMessage()));
    }

    private static ResponseEntity<ErrorResponse> badRequest(String message) {
        return ResponseEntity.badRequest().body(ErrorResponse.of("VALIDATION_ERROR", message));
    }
}
