package dev.loanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JourneyTest {

    private static final int MARKS = Journey.Mark.values().length;

    @Test
    void cutsTheJourneyAtEachMark() {
        Journey journey = Journey.of(marks(1_000, 10)).orElseThrow();

        assertThat(journey.totalMillis()).isEqualTo(110);
        assertThat(journey.stepMillis()).hasSize(Journey.Step.values().length).containsOnly(10);
    }

    @Test
    void aMissingMarkLeavesNoJourney() {
        long[] marks = marks(1_000, 10);
        marks[Journey.Mark.BANK_APPROVED_SENT.ordinal()] = -1;

        assertThat(Journey.of(marks)).isEmpty();
    }

    @Test
    void twoClocksReadingsOutOfOrderCountAsNoTimeRatherThanNegativeTime() {
        long[] marks = marks(1_000, 10);
        marks[Journey.Mark.NEW_MADE.ordinal()] = 999;

        Journey journey = Journey.of(marks).orElseThrow();

        assertThat(journey.step(Journey.Step.SUBMISSION)).isZero();
        assertThat(journey.step(Journey.Step.PRE_APPROVAL_REQUEST_RELAYED)).isEqualTo(21);
    }

    @Test
    void theSlowestOnePercentSayWhichStepTheTailComesFrom() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 197; i++) {
            journeys.add(Journey.of(marks(0, 10)).orElseThrow());
        }
        // the three slowest of 200 waited 400 ms more than the others for the bank's callback
        for (int i = 0; i < 3; i++) {
            long[] slow = marks(0, 10);
            for (int mark = Journey.Mark.APPROVED_BY_GATEWAY.ordinal(); mark < MARKS; mark++) {
                slow[mark] += 400;
            }
            journeys.add(Journey.of(slow).orElseThrow());
        }

        List<Journey.StepFigures> figures = Journey.figures(journeys);

        Journey.StepFigures callback = figures.get(Journey.Step.CUSTOMER_APPROVAL.ordinal());
        assertThat(callback.p50Millis()).isEqualTo(10);
        assertThat(callback.p99Millis()).isEqualTo(410);
        assertThat(callback.meanOfSlowestMillis()).isEqualTo(410);
        assertThat(figures.get(Journey.Step.PRE_APPROVAL.ordinal()).meanOfSlowestMillis()).isEqualTo(10);
    }

    @Test
    void noJourneysNoFigures() {
        assertThat(Journey.figures(List.of())).isEmpty();
    }

    /** Marks {@code step} milliseconds apart from {@code start}. */
    private static long[] marks(long start, long step) {
        long[] marks = new long[MARKS];
        for (int i = 0; i < MARKS; i++) {
            marks[i] = start + i * step;
        }
        return marks;
    }
}
