package dev.kafkacourse.support.lab;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Turns down loggers that a lab makes speak on purpose (a stopped broker's followers, refused writes), so the
 * lesson's own output stays readable. For labs' {@code main}s only: tests keep the course's logback.xml.
 */
public final class LabLogs {

    private LabLogs() {
    }

    /** Sets each named logger to its level; with a logging backend other than logback, nothing changes. */
    public static void quiet(Map<String, Level> levels) {
        levels.forEach((name, level) -> {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(level);
            }
        });
    }
}
