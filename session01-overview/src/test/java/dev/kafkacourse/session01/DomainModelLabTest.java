package dev.kafkacourse.session01;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkacourse.support.domain.AdEventGenerator;
import dev.kafkacourse.support.domain.GeneratedEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DomainModelLabTest {

    @Test
    void showsAClickWithItsImpressionAndTheSkewedPopularity() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        GeneratedEvents traffic = DomainModelLab.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), 42);
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertThat(output).contains("\"type\":\"IMPRESSION\"", "\"type\":\"CLICK\"", "type=click", "campaign  impressions");
        assertThat(output.lines().filter(l -> l.startsWith("c-0"))).hasSize(10);
        assertThat(traffic.expectedStats().get(AdEventGenerator.campaignId(1)).impressions())
                .isGreaterThan(traffic.expectedStats().get(AdEventGenerator.campaignId(10)).impressions() * 3);
    }
}
