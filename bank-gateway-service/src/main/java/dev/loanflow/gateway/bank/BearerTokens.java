package dev.loanflow.gateway.bank;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bank's bearer token, fetched once and reused until shortly before it expires. Concurrent callers wait for one
 * fetch instead of each authenticating; a token the bank rejected is dropped only if no one replaced it already.
 */
final class BearerTokens {

    private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    private static final Duration UNKNOWN_EXPIRY_LIFETIME = Duration.ofMinutes(5);

    private final Supplier<String> authenticate;
    private final Duration refreshMargin;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Token current;

    BearerTokens(Supplier<String> authenticate, Duration refreshMargin, Clock clock) {
        this.authenticate = authenticate;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    String get() {
        Token token = current;
        if (token != null && token.usableAt(clock.instant(), refreshMargin)) {
            return token.value();
        }
        fetching.lock();
        try {
            token = current;
            if (token == null || !token.usableAt(clock.instant(), refreshMargin)) {
                String value = authenticate.get();
                token = new Token(value, expiryOf(value));
                current = token;
            }
            return token.value();
        } finally {
            fetching.unlock();
        }
    }

    void rejected(String value) {
        Token token = current;
        if (token != null && token.value().equals(value)) {
            current = null;
        }
    }

    private Instant expiryOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length == 3) {
            Matcher expiry = EXPIRY.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (expiry.find()) {
                return Instant.ofEpochSecond(Long.parseLong(expiry.group(1)));
            }
        }
        return clock.instant().plus(UNKNOWN_EXPIRY_LIFETIME);
    }

    private record Token(String value, Instant expiresAt) {

        boolean usableAt(Instant now, Duration margin) {
            return now.plus(margin).isBefore(expiresAt);
        }
    }
}
