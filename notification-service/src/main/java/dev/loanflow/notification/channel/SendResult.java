package dev.loanflow.notification.channel;

/** What one attempt achieved: delivered, worth retrying, or refused for good. */
public record SendResult(Outcome outcome, String detail) {

    public enum Outcome {
        DELIVERED, RETRY, FAILED
    }

    public static SendResult delivered(String detail) {
        return new SendResult(Outcome.DELIVERED, detail);
    }

    public static SendResult retry(String detail) {
        return new SendResult(Outcome.RETRY, detail);
    }

    public static SendResult failed(String detail) {
        return new SendResult(Outcome.FAILED, detail);
    }

    /** 2xx delivered; 408, 429 and 5xx worth retrying; any other answer (4xx, a redirect) final. */
    public static SendResult ofHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return delivered("HTTP " + status);
        }
        return status == 408 || status == 429 || status >= 500 ? retry("HTTP " + status) : failed("HTTP " + status);
    }
}
