package dev.loanflow.origination.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A switch that turns a fix off, for the fault suite's proof that its count of lost applications can fail. Never set
 * in production: false unless a test sets it.
 */
@ConfigurationProperties("loanflow.test.seeded-defects")
public class SeededDefects {

    private volatile boolean storeFailuresAnsweredCreated;

    /** A submission whose transaction failed is answered 201 all the same, as if it had been stored. */
    public boolean storeFailuresAnsweredCreated() {
        return storeFailuresAnsweredCreated;
    }

    public void setStoreFailuresAnsweredCreated(boolean on) {
        storeFailuresAnsweredCreated = on;
    }
}
