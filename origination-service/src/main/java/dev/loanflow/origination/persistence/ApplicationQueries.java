package dev.loanflow.origination.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.loanflow.origination.application.ExpiredApplications;
import dev.loanflow.origination.application.StoredApplication;
import dev.loanflow.origination.domain.ApplicationState;
import dev.loanflow.origination.lifecycle.LoanLifecycle;

/** Reading many applications: histories, counts by state, the ones past their time to live, merchants' reports. */
@Repository
public class ApplicationQueries implements ExpiredApplications {

    /** Written out, not a parameter, so that the planner can use the partial index on waiting applications. */
    static final String WAITING = in(LoanLifecycle.waiting());

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;

    ApplicationQueries(JdbcClient jdbc, ApplicationRepository applications) {
        this.jdbc = jdbc;
        this.applications = applications;
    }

    public List<Transition> history(String applicationId) {
        return jdbc.sql("select from_status, to_status, event, caused_by, actor, occurred_at from application_transition "
                        + "where application_id = ? order by id")
                .param(applicationId)
                .query((rs, n) -> new Transition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /**
     * Applications in each state, every state present (zero when none): the totals plus the changes not folded into
     * them yet (see {@link #foldStatusChanges}), never by counting the table.
     */
    public Map<ApplicationState, Long> countByStatus() {
        Map<ApplicationState, Long> counts = new EnumMap<>(ApplicationState.class);
        Arrays.stream(ApplicationState.values()).forEach(state -> counts.put(state, 0L));
        jdbc.sql("select status, sum(n) from (select status, n from application_status_total union all "
                        + moves("application_status_change") + ") counted group by status")
                .query((rs, n) -> counts.put(ApplicationState.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Adds the state changes a trigger recorded to the totals and deletes them, in one statement: a change is either
     * still recorded or in the totals, never both, whichever instance folds it.
     */
    public void foldStatusChanges() {
        jdbc.sql("with folded as (delete from application_status_change returning from_status, to_status), "
                        + "moves as (" + moves("folded") + ") insert into application_status_total (status, n) select status, sum(n) from moves group by status "
                        + "on conflict (status) do update set n = application_status_total.n + excluded.n")
                .update();
    }

    /** What recorded state changes do to each state's count: one in for the state entered, one out for the state left. */
    private static String moves(String changes) {
        return "select to_status as status, count(*) as n from " + changes + " where to_status is not null group by to_status "
                + "union all select from_status, -count(*) from " + changes + " where from_status is not null group by from_status";
    }

    /**
     * Applications in {@code states} (some of the waiting ones) past their time to live; the index
     * {@code loan_application_waiting} covers every waiting state.
     */
    @Override
    public List<String> expired(Set<ApplicationState> states, Instant now, int limit) {
        return jdbc.sql("select application_id from loan_application where " + WAITING + " and " + in(states)
                        + " and time_to_live < ? order by time_to_live limit ?")
                .params(Timestamp.from(now), limit).query(String.class).list();
    }

    private static String in(Set<ApplicationState> states) {
        return states.stream().map(state -> "'" + state.name() + "'").sorted()
                .collect(Collectors.joining(", ", "status in (", ")"));
    }

    public Page report(String merchantId, Instant from, Instant to, List<String> statuses, int page, int size) {
        String filter = " from loan_application where merchant_id = ? and created_at >= ? and created_at < ?"
                + (statuses.isEmpty() ? "" : " and status = any(?)");
        Object[] params = statuses.isEmpty()
                ? new Object[] {merchantId, Timestamp.from(from), Timestamp.from(to)}
                : new Object[] {merchantId, Timestamp.from(from), Timestamp.from(to), statuses.toArray(String[]::new)};
        long total = jdbc.sql("select count(*)" + filter).params(params).query(Long.class).single();
        List<StoredApplication> rows = jdbc.sql("select " + ApplicationRepository.COLUMNS + filter
                        + " order by created_at desc, application_id limit " + size + " offset " + ((long) page * size))
                .params(params).query(applications::map).list();
        return new Page(rows, total);
    }

    public record Transition(String from, String to, String event, String causedBy, String actor, Instant at) {
    }

    public record Page(List<StoredApplication> rows, long total) {
    }
}
