package dev.loanflow.notification.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps text messages in memory instead of sending them, for the local stack and demos (GET /sandbox/sms). */
public final class SandboxSmsSender implements SmsSender {

    private static final int KEPT = 500;

    public record SentSms(String recipientMasked, String text, Instant at) {
    }

    private final List<SentSms> sent = new ArrayList<>();
    private final Clock clock;

    public SandboxSmsSender(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized SendResult send(String gsmNumber, String text) {
        if (sent.size() == KEPT) {
            sent.remove(0);
        }
        sent.add(new SentSms(Masking.phone(gsmNumber), text, clock.instant()));
        return SendResult.delivered("kept by the SMS sandbox");
    }

    public synchronized List<SentSms> sent() {
        return List.copyOf(sent);
    }
}
