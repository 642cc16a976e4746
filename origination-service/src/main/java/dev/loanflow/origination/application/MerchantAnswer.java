package dev.loanflow.origination.application;

/** How origination answers a merchant's request about one of its applications. */
public sealed interface MerchantAnswer {

    record Done(String reference) implements MerchantAnswer {
    }

    record NotAllowed(String reason) implements MerchantAnswer {
    }

    record NotFound() implements MerchantAnswer {
    }

    static MerchantAnswer of(Transitions.Outcome outcome, String reference, String notAllowed) {
        if (outcome instanceof Transitions.Applied) {
            return new Done(reference);
        }
        if (outcome instanceof Transitions.Illegal illegal) {
            return new NotAllowed(notAllowed + "; the application is " + illegal.current());
        }
        return new NotFound();
    }
}
