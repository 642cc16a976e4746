package dev.loanflow.simulator.callback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.loanflow.simulator.application.LoanApplication;
import dev.loanflow.simulator.application.LoanStatus;
import dev.loanflow.simulator.application.OutcomeListener;
import dev.loanflow.simulator.sandbox.FaultSwitch;
import dev.loanflow.simulator.sandbox.Faults;

/** POSTs the application's result to the merchant's callback URL, losing or repeating it when told to. */
public final class CallbackNotifier implements OutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(CallbackNotifier.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // HttpClient.sendAsync completes every response on the CompletableFuture default executor, which on a machine of
    // two cores or fewer is a new thread per task: callbacks are sent with send on threads of our own instead
    private final ExecutorService senders = Executors.newFixedThreadPool(8, daemonThreads());
    private final ObjectMapper json;
    private final FaultSwitch faults;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public CallbackNotifier(ObjectMapper json, FaultSwitch faults) {
        this.json = json;
        this.faults = faults;
    }

    @Override
    public void completed(LoanApplication application) {
        Faults current = faults.current();
        if (Faults.happens(current.lostCallbackRate())) {
            lost.incrementAndGet();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(application.callbackUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(application)))
                .build();
        int copies = Faults.happens(current.duplicateCallbackRate()) ? 2 : 1;
        for (int copy = 0; copy < copies; copy++) {
            senders.execute(() -> send(request, application));
        }
    }

    private void send(HttpRequest request, LoanApplication application) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                notAccepted(application, "HTTP " + response.statusCode());
            } else {
                sent.incrementAndGet();
            }
        } catch (IOException e) {
            notAccepted(application, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notAccepted(application, e.toString());
        }
    }

    private void notAccepted(LoanApplication application, String reason) {
        failed.incrementAndGet();
        log.info("callback for {} not accepted: {}", application.referenceId(), reason);
    }

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("callback-");
        threads.setDaemon(true);
        return threads;
    }

    public Map<String, Long> counts() {
        return Map.of("sent", sent.get(), "lost", lost.get(), "failed", failed.get());
    }

    private String body(LoanApplication application) {
        LoanStatus status = application.status();
        boolean approved = status == LoanStatus.APPROVED;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("referenceId", application.referenceId());
        body.put("referenceCode", application.referenceCode());
        body.put("orderId", application.orderId());
        body.put("status", status.name());
        body.put("success", approved);
        body.put("bankResponseCode", approved ? "0" : "57");
        body.put("bankResponseMessage", approved ? "Transaction Successful" : "Application " + status.name().toLowerCase());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
