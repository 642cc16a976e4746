package dev.loanflow.schemas.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.loanflow.events.SealedValue;
import dev.loanflow.schemas.AvroCodec;

/**
 * Seals personal data (national id, phone, e-mail) for internal topics with AES-256-GCM. Every value names the key
 * that sealed it, so keys can rotate: new values use the active key, old ones still open with the key they name.
 * It also makes keyed fingerprints (HMAC-SHA256 under a key derived from the same keys) for comparing personal data
 * without storing it: an unkeyed hash of a national id can be reversed by trying every possible one.
 */
public final class PersonalDataSealer {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;
    private final Map<String, SecretKey> fingerprintKeys;
    private final SecureRandom random = new SecureRandom();

    private PersonalDataSealer(String activeKeyId, Map<String, SecretKey> keys) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key " + activeKeyId + " is not among the configured keys");
        }
        this.activeKeyId = activeKeyId;
        this.keys = Map.copyOf(keys);
        this.fingerprintKeys = keys.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> fingerprintKey(entry.getValue())));
    }

    /** Keys are base64 encodings of 32 random bytes, by key id. */
    public static PersonalDataSealer withBase64Keys(String activeKeyId, Map<String, String> base64Keys) {
        return new PersonalDataSealer(activeKeyId, base64Keys.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> aesKey(Base64.getDecoder().decode(entry.getValue())))));
    }

    public SealedValue seal(String plainText) {
        return sealBytes(plainText.getBytes(StandardCharsets.UTF_8));
    }

    public String open(SealedValue sealed) {
        return new String(openBytes(sealed), StandardCharsets.UTF_8);
    }

    /** A sealed value as one column or record value: its Avro binary, which names its key. */
    public static byte[] bytes(SealedValue sealed) {
        return AvroCodec.encode(sealed);
    }

    public static SealedValue sealedValue(byte[] bytes) {
        return (SealedValue) AvroCodec.decode(SealedValue.class.getName(), bytes);
    }

    /** Seals bytes that may hold personal data anywhere in them, such as a record no one could read. */
    public SealedValue sealBytes(byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] cipherText = run(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), iv, activeKeyId, plain);
        return new SealedValue(activeKeyId, ByteBuffer.wrap(ByteBuffer.allocate(IV_BYTES + cipherText.length)
                .put(iv).put(cipherText).array()));
    }

    public byte[] openBytes(SealedValue sealed) {
        SecretKey key = keys.get(sealed.getKeyId());
        if (key == null) {
            throw new IllegalStateException("no key " + sealed.getKeyId() + " to open a sealed value");
        }
        ByteBuffer buffer = sealed.getCiphertext().duplicate();
        byte[] iv = new byte[IV_BYTES];
        buffer.get(iv);
        byte[] cipherText = new byte[buffer.remaining()];
        buffer.get(cipherText);
        return run(Cipher.DECRYPT_MODE, key, iv, sealed.getKeyId(), cipherText);
    }

    /** A fingerprint of the text under the active key, naming that key: {@code <key id>:<64 hex digits>}. */
    public String fingerprint(String text) {
        return activeKeyId + ":" + mac(fingerprintKeys.get(activeKeyId), text);
    }

    /**
     * Whether the text has this fingerprint, under the key the fingerprint names; false when that key is no longer
     * configured, as nothing can then show the two are the same.
     */
    public boolean matches(String fingerprint, String text) {
        int separator = fingerprint.lastIndexOf(':');
        if (separator < 0) {
            return false;
        }
        SecretKey key = fingerprintKeys.get(fingerprint.substring(0, separator));
        return key != null && MessageDigest.isEqual(
                fingerprint.substring(separator + 1).getBytes(StandardCharsets.US_ASCII),
                mac(key, text).getBytes(StandardCharsets.US_ASCII));
    }

    /** Derived from the sealing key, so one key is never used by two algorithms. */
    private static SecretKey fingerprintKey(SecretKey sealingKey) {
        return new SecretKeySpec(hmac(sealingKey, "loanflow personal-data fingerprint v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
    }

    private static String mac(SecretKey fingerprintKey, String text) {
        return HexFormat.of().formatHex(hmac(fingerprintKey, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKey key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no fingerprint could be made", e);
        }
    }

    private static byte[] run(int mode, SecretKey key, byte[] iv, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    private static SecretKey aesKey(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("personal-data keys must be 32 bytes (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
