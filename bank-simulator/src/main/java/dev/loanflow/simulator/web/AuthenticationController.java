package dev.loanflow.simulator.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

import dev.loanflow.simulator.SimulatorProperties;
import dev.loanflow.simulator.auth.TokenService;
import dev.loanflow.simulator.web.ApiModels.AuthenticateRequest;
import dev.loanflow.simulator.web.ApiModels.TokenResponse;

@RestController
class AuthenticationController {

    private final SimulatorProperties.Merchant merchant;
    private final TokenService tokens;

    AuthenticationController(SimulatorProperties properties, TokenService tokens) {
        this.merchant = properties.merchant();
        this.tokens = tokens;
    }

    @PostMapping("/loans/authenticate")
    TokenResponse authenticate(@Valid @RequestBody AuthenticateRequest request) {
        if (!merchant.matches(request.username(), request.password(), request.merchantNo(), request.apiSecretKey())) {
            throw new Unauthorized("Invalid merchant credentials");
        }
        return new TokenResponse(tokens.issue(request.merchantNo()));
    }
}
