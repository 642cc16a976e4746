package dev.loanflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class JourneyTest {

    @Test
    void cutsTheJourneyAtEachLifecycleTimestamp() {
        Journey journey = Journey.of(1_000, 1_012, 1_060, 1_100, 1_130, 1_145, 1_150);

        assertThat(journey.totalMillis()).isEqualTo(150);
        assertThat(journey.stepMillis()).containsExactly(12, 48, 40, 30, 15, 5);
    }

    @Test
    void aClockStepBackwardsCountsAsNoTimeRatherThanNegativeTime() {
        Journey journey = Journey.of(1_000, 999, 1_050, 1_050, 1_080, 1_090, 1_100);

        assertThat(journey.step(Journey.Step.SUBMISSION)).isZero();
        assertThat(journey.step(Journey.Step.PRE_APPROVAL)).isEqualTo(51);
    }

    @Test
    void theSlowestOnePercentSayWhichStepTheTailComesFrom() {
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < 197; i++) {
            journeys.add(Journey.of(0, 10, 60, 100, 130, 140, 150));
        }
        // the three slowest of 200 waited in the customer-decision step: 400 ms more than the others there
        for (int i = 0; i < 3; i++) {
            journeys.add(Journey.of(0, 10, 60, 100, 530, 540, 550));
        }

        List<Journey.StepFigures> figures = Journey.figures(journeys);

        Journey.StepFigures decision = figures.get(Journey.Step.CUSTOMER_DECISION.ordinal());
        assertThat(decision.p50Millis()).isEqualTo(30);
        assertThat(decision.p99Millis()).isEqualTo(430);
        assertThat(decision.meanOfSlowestMillis()).isEqualTo(430);
        assertThat(figures.get(Journey.Step.PRE_APPROVAL.ordinal()).meanOfSlowestMillis()).isEqualTo(50);
    }

    @Test
    void noJourneysNoFigures() {
        assertThat(Journey.figures(List.of())).isEmpty();
    }
}
