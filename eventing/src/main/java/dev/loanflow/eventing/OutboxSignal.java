package dev.loanflow.eventing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Tells the relay that a transaction committed outbox rows, so that it sends them now rather than at its next poll. */
public final class OutboxSignal {

    private final Semaphore committed = new Semaphore(0);

    void rowsCommitted() {
        if (committed.availablePermits() == 0) {
            committed.release();
        }
    }

    /** Waits until rows were committed or the interval passed, whichever comes first. */
    void await(Duration interval) throws InterruptedException {
        if (committed.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
            committed.drainPermits();
        }
    }
}
