package dev.kafkacourse.session19;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Draws a {@link TopologyDescription} as a Mermaid flowchart: sub-topologies as boxes, processors inside, topics
 * as parallelograms outside (a repartition topic links the sub-topology that writes it to the one that reads it,
 * and is highlighted), state stores as cylinders. Paste the text into any Mermaid renderer, e.g. a GitHub page.
 */
public final class TopologyMermaid {

    private TopologyMermaid() {
    }

    public static String render(TopologyDescription description) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Set<String> topics = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        Set<String> edges = new LinkedHashSet<>();
        description.subtopologies().stream().sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .forEach(sub -> {
                    out.append("  subgraph sub").append(sub.id()).append("[\"sub-topology ").append(sub.id())
                            .append("\"]\n");
                    sub.nodes().stream().sorted(Comparator.comparing(TopologyDescription.Node::name)).forEach(node -> {
                        out.append("    ").append(id("p", node.name())).append("[\"").append(node.name()).append("\"]\n");
                        node.successors().stream().map(TopologyDescription.Node::name).sorted().forEach(next ->
                                edges.add(id("p", node.name()) + " --> " + id("p", next)));
                        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                            source.topicSet().stream().sorted().forEach(topic -> {
                                topics.add(topic);
                                edges.add(id("t", topic) + " --> " + id("p", node.name()));
                            });
                        }
                        if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                            topics.add(sink.topic());
                            edges.add(id("p", node.name()) + " --> " + id("t", sink.topic()));
                        }
                        if (node instanceof TopologyDescription.Processor processor) {
                            processor.stores().stream().sorted().forEach(store -> {
                                stores.add(store);
                                edges.add(id("p", node.name()) + " -.- " + id("s", store));
                            });
                        }
                    });
                    out.append("  end\n");
                });
        topics.forEach(topic -> out.append("  ").append(id("t", topic)).append("[/\"").append(topic).append("\"/]\n"));
        stores.forEach(store -> out.append("  ").append(id("s", store)).append("[(\"").append(store).append("\")]\n"));
        edges.forEach(edge -> out.append("  ").append(edge).append('\n'));
        topics.stream().filter(TopologyMermaid::isRepartition).forEach(topic ->
                out.append("  style ").append(id("t", topic)).append(" fill:#ffe0b2,stroke:#e65100\n"));
        return out.toString();
    }

    /** Streams names the topics it adds for a key change "...-repartition". */
    public static boolean isRepartition(String topic) {
        return topic.endsWith("-repartition");
    }

    private static String id(String kind, String name) {
        return kind + "_" + name.replaceAll("[^A-Za-z0-9]", "_");
    }
}
