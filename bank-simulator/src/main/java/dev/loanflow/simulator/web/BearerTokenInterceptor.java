package dev.loanflow.simulator.web;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.loanflow.simulator.auth.TokenService;

/** Admits a request to the facilitated API only with a valid bearer token, and tells the handler whose it is. */
class BearerTokenInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final TokenService tokens;

    BearerTokenInterceptor(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            throw new Unauthorized("Missing bearer token");
        }
        long merchantNo = tokens.verify(header.substring(BEARER.length()).trim())
                .orElseThrow(() -> new Unauthorized("Token invalid or expired"));
        request.setAttribute(ShoppingLoanController.MERCHANT, merchantNo);
        return true;
    }
}
