package dev.loanflow.security;

/** What a token may do; a merchant's client holds some of the first four, an operator's holds admin. */
public final class Scopes {

    public static final String SUBMIT = "SCOPE_submit";
    public static final String READ = "SCOPE_read";
    public static final String REFUND = "SCOPE_refund";
    public static final String ADMIN = "SCOPE_admin";

    private Scopes() {
    }
}
