package dev.loanflow.eventing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace across the outbox: the W3C {@code traceparent} of the transaction that wrote an event is kept
 * with it, and the relay sends the event inside a span that continues that trace, so one application's work across
 * the services stays one trace.
 */
public final class TraceContexts {

    private static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing: nothing is kept, nothing continued. */
    public static TraceContexts none() {
        return new TraceContexts(null, null);
    }

    public String current() {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Runs the work in a span that continues the stored trace (or plainly, when there is none). */
    public void continueTrace(String traceParent, String name, Runnable work) {
        if (tracer == null || traceParent == null) {
            work.run();
            return;
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceParent), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            work.run();
        } finally {
            span.end();
        }
    }
}
