package dev.kafkacourse.session20;

import dev.kafkacourse.session19.AdStatsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * One pipeline instance as a process of its own, as it would run in production, for the failure test that kills
 * it with SIGKILL: {@code --bootstrap HOST:PORT --input T --stats T --dlq T --campaigns T --app-id ID --port N}.
 * Prints {@code READY <url>} once it serves requests and runs until it is stopped.
 */
public final class PipelineServer {

    private PipelineServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        AdStatsConfig stats = AdStatsConfig.defaults().withTopics(require(options, "input"),
                require(options, "stats"), require(options, "dlq"));
        PipelineSettings settings = new PipelineSettings(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, require(options, "bootstrap")), stats,
                require(options, "campaigns"), require(options, "app-id"),
                Integer.parseInt(require(options, "port")), 20_000);
        PipelineInstance instance = PipelineInstance.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "pipeline-shutdown"));
        System.out.println("READY " + instance.url());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Missing --" + name + "; usage: --bootstrap HOST:PORT --input T "
                    + "--stats T --dlq T --campaigns T --app-id ID --port N");
        }
        return value;
    }
}
