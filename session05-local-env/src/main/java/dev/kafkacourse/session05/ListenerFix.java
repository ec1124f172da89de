package dev.kafkacourse.session05;

/**
 * The answer to "why does this broker refuse to start / why can its clients not use it": the one setting to change,
 * and how.
 *
 * @param setting the server property to change, e.g. {@code advertised.listeners}
 * @param fix     what to write there, naming the listener (or port, or host) concerned
 */
public record ListenerFix(String setting, String fix) {
}
