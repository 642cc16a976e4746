package dev.loanflow.simulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Issues and verifies HS512-signed JWT bearer tokens carrying the merchant number and an expiry. */
public final class TokenService {

    private static final String HEADER = encode("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
    private static final Pattern MERCHANT = Pattern.compile("\"merchant_no\":(\\d+)");
    private static final Pattern EXPIRES = Pattern.compile("\"exp\":(\\d+)");
    private static final Pattern SERIAL = Pattern.compile("\"sn\":(\\d+)");

    private final byte[] secret = new byte[64];
    private final Clock clock;
    private volatile Duration ttl;
    private final AtomicLong serials = new AtomicLong();
    private volatile long revokedBelow;

    public TokenService(Duration ttl, Clock clock) {
        new SecureRandom().nextBytes(secret);
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(long merchantNo) {
        long now = clock.instant().getEpochSecond();
        String payload = encode("{\"merchant_no\":" + merchantNo + ",\"iat\":" + now + ",\"exp\":" + (now + ttl.toSeconds())
                + ",\"sn\":" + serials.incrementAndGet() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        return HEADER + "." + payload + "." + sign(HEADER + "." + payload);
    }

    /** The merchant number of a valid, unexpired, unrevoked token. */
    public Optional<Long> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !MessageDigest.isEqual(
                sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        if (claim(EXPIRES, claims) <= now || claim(SERIAL, claims) <= revokedBelow) {
            return Optional.empty();
        }
        return Optional.of(claim(MERCHANT, claims));
    }

    public void setTimeToLive(Duration ttl) {
        this.ttl = ttl;
    }

    public Duration timeToLive() {
        return ttl;
    }

    /** Every token issued so far stops working, as if it had expired. */
    public void expireAll() {
        revokedBelow = serials.get();
    }

    private static long claim(Pattern pattern, String claims) {
        Matcher matcher = pattern.matcher(claims);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret, "HmacSHA512"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
