package dev.loanflow.origination.domain;

/** One reason a submission was refused, naming the field. */
public record Violation(String field, String message) {
}
