package dev.loanflow.simulator.web;

/** The caller did not prove who it is. */
class Unauthorized extends RuntimeException {

    Unauthorized(String message) {
        super(message);
    }
}
