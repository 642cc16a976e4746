package dev.loanflow.eventing;

import java.util.Collections;

/** The rows of a multi-row {@code values} list: many rows in one statement, one round trip instead of one per row. */
public final class SqlRows {

    private SqlRows() {
    }

    /** {@code row} (say {@code "(?, ?)"}) written {@code count} times, comma-separated. */
    public static String times(int count, String row) {
        return String.join(", ", Collections.nCopies(count, row));
    }
}
