package dev.kafkacourse.support.kafka;

/** Reads a setting from a system property first, then from the environment. */
final class Settings {
    private Settings() {
    }

    static String get(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }
}
