package dev.kafkacourse.session11;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The course's producer bench in a JVM of its own (started by {@link BenchJvm}), so that it runs the way Kafka's
 * perf tool runs: not inside the JVM of an in-process broker. Runs each cell of a cells file with
 * {@link ProducerLoop} and prints one {@code RESULT} line per cell.
 *
 * <p>Args: {@code <client.properties> <topic> <cells file> <warm-up records> <timed records> [warm-jvm]}. With
 * {@code warm-jvm}, the first cell runs once more before the reported runs, unreported: in a matrix of many cells the
 * first would otherwise pay for this JVM's and the broker's warm-up alone.
 */
public final class ProducerBenchMain {

    static final String RESULT = "RESULT\t";

    private ProducerBenchMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, Object> clientConfig = load(Path.of(args[0]));
        String topic = args[1];
        List<BenchCell> cells = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank())
                .map(BenchCell::fromLine).toList();
        int warmup = Integer.parseInt(args[3]);
        int records = Integer.parseInt(args[4]);
        if (args.length > 5 && args[5].equals("warm-jvm")) {
            ProducerLoop.run(clientConfig, topic, cells.get(0), warmup, records);
        }
        for (BenchCell cell : cells) {
            CellResult result = ProducerLoop.run(clientConfig, topic, cell, warmup, records);
            System.out.println(RESULT + result.toLine());
            System.out.flush();
        }
    }

    static Map<String, Object> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Object> config = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
