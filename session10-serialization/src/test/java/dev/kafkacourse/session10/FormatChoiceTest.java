package dev.kafkacourse.session10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.session10.FormatChoice.Format;
import dev.kafkacourse.session10.FormatChoice.Measured;
import dev.kafkacourse.session10.FormatChoice.Requirement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exercise 3: the format for a requirement, from the figures {@code ./course lab 10 bench} printed. */
class FormatChoiceTest {

    /** A bench run's figures: Avro is the smallest, Protobuf the fastest, JSON the largest and slowest. */
    private static final List<Measured> BENCH = List.of(
            new Measured(Format.JSON, 227.5, 41.40),
            new Measured(Format.AVRO, 82.9, 32.96),
            new Measured(Format.PROTOBUF, 90.9, 9.55));

    @Test
    void withARegistryAndRoomyBudgetsTheSmallestWins() {
        assertThat(FormatChoice.choose(new Requirement(false, true, 1_000, 1_000), BENCH)).contains(Format.AVRO);
    }

    @Test
    void withoutARegistryAvroIsOut() {
        assertThat(FormatChoice.choose(new Requirement(false, false, 1_000, 1_000), BENCH)).contains(Format.PROTOBUF);
    }

    @Test
    void aTightTimeBudgetLeavesOnlyTheFastest() {
        assertThat(FormatChoice.choose(new Requirement(false, true, 1_000, 20), BENCH)).contains(Format.PROTOBUF);
    }

    @Test
    void aBudgetMetExactlyIsMet() {
        assertThat(FormatChoice.choose(new Requirement(false, true, 82.9, 32.96), BENCH)).contains(Format.AVRO);
        assertThat(FormatChoice.choose(new Requirement(true, false, 227.5, 41.40), BENCH)).contains(Format.JSON);
    }

    @Test
    void readableOnTheTopicMeansJsonOrNothing() {
        assertThat(FormatChoice.choose(new Requirement(true, true, 1_000, 1_000), BENCH)).contains(Format.JSON);
        assertThat(FormatChoice.choose(new Requirement(true, true, 200, 1_000), BENCH)).isEmpty();
    }

    @Test
    void noFormatMeetsImpossibleBudgets() {
        assertThat(FormatChoice.choose(new Requirement(false, true, 50, 1_000), BENCH)).isEmpty();
        assertThat(FormatChoice.choose(new Requirement(false, true, 1_000, 5), BENCH)).isEmpty();
    }
}
