package dev.kafkacourse.session06;

import dev.kafkacourse.support.domain.AdEvent;
import dev.kafkacourse.support.domain.CampaignStats;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Impressions, clicks and spend per campaign, from a {@code @KafkaListener} on the default container: Boot's
 * {@code kafkaListenerContainerFactory}, configured by {@code spring.kafka.consumer.*} and
 * {@code spring.kafka.listener.*}. The container polls, deserializes, calls this method once per record and commits
 * after each poll's records; the method only sees ad events.
 */
@Component
public class CampaignStatsListener {

    /** The listener container's id, to find it in the {@code KafkaListenerEndpointRegistry}. */
    public static final String ID = "campaign-stats";

    private final Map<String, CampaignStats> stats = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();

    @KafkaListener(id = ID, topics = "${adstats.topics.events}", groupId = "${adstats.groups.stats}")
    public void onEvent(AdEvent event) {
        stats.merge(event.campaignId(), CampaignStats.EMPTY.plus(event), CampaignStats::plus);
        received.incrementAndGet();
    }

    /** The totals so far, by campaign. */
    public SortedMap<String, CampaignStats> snapshot() {
        return new TreeMap<>(stats);
    }

    public long received() {
        return received.get();
    }
}
