package dev.loanflow.simulator.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.loanflow.simulator.sandbox.FaultSwitch;
import dev.loanflow.simulator.sandbox.Faults;

/**
 * The failure that matters in payments: the bank performs the operation, and its answer never arrives. For the share
 * of the calls that change the bank the sandbox is told, the call runs to its end and then the connection drops in
 * the middle of the answer, the answer comes after the client stopped waiting, or the bank answers HTTP 500; or the
 * bank is still working when the client stops waiting and acts afterwards.
 */
public final class AmbiguousAnswers extends OncePerRequestFilter {

    private static final Pattern CHANGES_THE_BANK =
            Pattern.compile("/loans/v1/facilitate/(pre-approved|application|refund)/[^/]+");

    private final FaultSwitch faults;
    private final Map<Faults.AmbiguousAnswer, AtomicLong> counts = new ConcurrentHashMap<>();

    AmbiguousAnswers(FaultSwitch faults) {
        this.faults = faults;
    }

    /** How many answers were lost, each way, since the start. */
    public Map<Faults.AmbiguousAnswer, Long> counts() {
        Map<Faults.AmbiguousAnswer, Long> now = new EnumMap<>(Faults.AmbiguousAnswer.class);
        counts.forEach((way, count) -> now.put(way, count.get()));
        return now;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Faults current = faults.current();
        if (!"POST".equals(request.getMethod()) || !CHANGES_THE_BANK.matcher(request.getRequestURI()).matches()
                || !faults.ambiguousThisTime()) {
            chain.doFilter(request, response);
            return;
        }
        Faults.AmbiguousAnswer way = Faults.AmbiguousAnswer.pick(current.ambiguousAnswer());
        if (way == Faults.AmbiguousAnswer.SLOW || way == Faults.AmbiguousAnswer.NEVER_ACTED) {
            pause(current.ambiguousDelayMillis());
        }
        if (way == Faults.AmbiguousAnswer.NEVER_ACTED) {
            counts.computeIfAbsent(way, any -> new AtomicLong()).incrementAndGet();
            response.sendError(504);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (answer.getStatus() >= 300) {
            answer.copyBodyToResponse(); // a refusal: the bank did nothing, so nothing is lost
            return;
        }
        counts.computeIfAbsent(way, any -> new AtomicLong()).incrementAndGet();
        switch (way) {
            case ERROR -> {
                answer.resetBuffer();
                response.setStatus(500);
                response.setContentType("application/json");
                response.getOutputStream().write(("{\"success\":false,\"bankResponseCode\":\"99\","
                        + "\"bankResponseMessage\":\"Internal error\",\"errorCode\":\"INTERNAL_ERROR\","
                        + "\"errorMessage\":\"Injected error after the operation was performed\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case LATE -> {
                pause(current.ambiguousDelayMillis());
                answer.copyBodyToResponse();
            }
            case SLOW -> answer.copyBodyToResponse();
            case DROP -> {
                byte[] body = answer.getContentAsByteArray();
                response.setContentType(answer.getContentType());
                response.setContentLength(body.length + 64);
                response.getOutputStream().write(body, 0, body.length / 2);
                response.flushBuffer();
                throw new IOException("the sandbox dropped the connection after the bank acted");
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
