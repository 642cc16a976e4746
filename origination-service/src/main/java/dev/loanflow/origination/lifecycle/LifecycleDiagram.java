package dev.loanflow.origination.lifecycle;

import java.util.Comparator;
import java.util.stream.Collectors;

/** A Mermaid state diagram drawn from {@link LoanLifecycle}'s configured transitions. */
public final class LifecycleDiagram {

    private LifecycleDiagram() {
    }

    public static String mermaid() {
        return LoanLifecycle.transitions().stream()
                .sorted(Comparator.comparing((LoanLifecycle.TransitionDefinition t) -> t.source().ordinal())
                        .thenComparing(t -> t.event().ordinal()).thenComparing(t -> t.target().ordinal()))
                .map(t -> "    " + t.source() + " --> " + t.target() + " : " + t.event()
                        + (t.guard() == null || t.guard().isBlank() ? "" : " [" + t.guard() + "]"))
                .collect(Collectors.joining("\n", "```mermaid\nstateDiagram-v2\n    [*] --> NEW\n", "\n```"));
    }
}
