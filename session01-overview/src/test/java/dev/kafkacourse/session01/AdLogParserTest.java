package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.AdEventGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exercise 1: AdLogParser. */
class AdLogParserTest {

    private static final List<AdEvent> EVENTS = AdEventGenerator.builder().seed(11).impressions(2_000)
            .clickThroughRate(0.2).build().generate().distinctEvents();
    private static final String CLICK_LINE = AdLogFormat.format(
            EVENTS.stream().filter(AdEvent::isClick).findFirst().orElseThrow());
    private static final String USER_FIELD = Arrays.stream(CLICK_LINE.split(" "))
            .filter(token -> token.startsWith("user=")).findFirst().orElseThrow();

    @Test
    void parsesEveryLineTheAdServerWrites() {
        for (AdEvent event : EVENTS) {
            assertThat(AdLogParser.parse(AdLogFormat.format(event))).isEqualTo(event);
        }
    }

    @Test
    void acceptsFieldsInAnyOrderAndExtraSpaces() {
        Random random = new Random(3);
        for (AdEvent event : EVENTS.subList(0, 200)) {
            List<String> fields = new ArrayList<>(List.of(AdLogFormat.format(event).split(" ")));
            Collections.shuffle(fields, random);
            assertThat(AdLogParser.parse("  " + String.join("   ", fields) + " ")).isEqualTo(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing campaign       | campaign=\\S+           |                            | campaign",
        "missing timestamp      | ts=\\S+                 |                            | ts",
        "unknown type           | type=click              | type=view                  | view",
        "bad timestamp          | ts=\\S+                 | ts=yesterday               | yesterday",
        "negative cost          | cost=\\d+               | cost=-5                    | cost",
        "cost not a number      | cost=\\d+               | cost=12.5                  | cost",
        "click without impression | impression=\\S+       |                            | impression",
        "bad event id           | event=\\S+              | event=42                   | event",
        "not key=value          | device=\\S+             | mobile                     | mobile",
        "empty campaign         | campaign=\\S+           | campaign=                  | campaign",
        "field given twice      | cost=(\\d+)             | cost=$1 cost=999999999     | cost",
    })
    void rejectsMalformedLinesNamingTheProblem(String problem, String regex, String replacement, String named) {
        String broken = CLICK_LINE.replaceFirst(regex, replacement == null ? "" : replacement);
        assertThat(broken).as("test setup").isNotEqualTo(CLICK_LINE);

        assertThatThrownBy(() -> AdLogParser.parse(broken))
                .as(problem)
                .isInstanceOf(MalformedLogLineException.class)
                .hasMessageContaining(named)
                // The reason goes into a dead-letter header next to the line itself: it must say what is wrong,
                // not repeat the line (every case here leaves the user field intact).
                .message().as("%s: the reason, not the whole line", problem).doesNotContain(USER_FIELD);
    }

    @Test
    void rejectsEmptyLines() {
        assertThatThrownBy(() -> AdLogParser.parse("   ")).isInstanceOf(MalformedLogLineException.class);
        assertThatThrownBy(() -> AdLogParser.parse(null)).isInstanceOf(MalformedLogLineException.class);
    }
}
