package dev.loanflow.simulator.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox customer does, chosen deterministically: an override set for a national id through the sandbox
 * API, otherwise the last two digits of the GSM number (00 declined at pre-approval, 01 rejected by the bank,
 * 02 cancelled on the bank page, 03 abandons the bank page, 04 the bank application fails, 05 approved but refunds
 * end in an anomaly, anything else approved).
 */
public enum CustomerScenario {
    APPROVE, DECLINE_PRE_APPROVAL, REJECT, CANCEL, ABANDON, FAIL, REFUND_ANOMALY;

    private static final Map<String, CustomerScenario> BY_GSM_SUFFIX = Map.of(
            "00", DECLINE_PRE_APPROVAL, "01", REJECT, "02", CANCEL, "03", ABANDON, "04", FAIL, "05", REFUND_ANOMALY);

    /** Per-customer overrides, keyed by national id. */
    public static final class Overrides {

        private final Map<String, CustomerScenario> byNationalId = new ConcurrentHashMap<>();

        public void set(String nationalIdentityNumber, CustomerScenario scenario) {
            byNationalId.put(nationalIdentityNumber, scenario);
        }

        public void clear(String nationalIdentityNumber) {
            byNationalId.remove(nationalIdentityNumber);
        }

        public CustomerScenario forCustomer(String nationalIdentityNumber, String gsmNumber) {
            CustomerScenario override = byNationalId.get(nationalIdentityNumber);
            if (override != null) {
                return override;
            }
            String suffix = gsmNumber.substring(Math.max(0, gsmNumber.length() - 2));
            return BY_GSM_SUFFIX.getOrDefault(suffix, APPROVE);
        }
    }
}
