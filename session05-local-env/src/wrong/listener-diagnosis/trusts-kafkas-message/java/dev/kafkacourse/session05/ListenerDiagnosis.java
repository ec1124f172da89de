// Known-wrong answer: follows Kafka's message ("No security protocol defined for listener EXTRENAL") and checks the protocol map first, so a typo in advertised.listeners is 'fixed' by mapping the typo
package dev.kafkacourse.session05;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ListenerDiagnosis {

    private static final Pattern LISTENER = Pattern.compile("^([A-Za-z0-9_-]+)://(\\[[^]]*]|[^:/]*):(\\d+)$");

    private record Endpoint(String name, String host, int port) {
    }

    private ListenerDiagnosis() {
    }

    public static Optional<ListenerFix> diagnose(Map<String, String> config, String error) {
        List<Endpoint> listeners = parse(config.get("listeners"));
        List<Endpoint> advertised = parse(config.get("advertised.listeners"));
        Set<String> names = new LinkedHashSet<>();
        listeners.forEach(l -> names.add(l.name()));

        Map<Integer, String> ports = new HashMap<>();
        for (Endpoint listener : listeners) {
            String other = ports.putIfAbsent(listener.port(), listener.name());
            if (other != null) {
                return fix("listeners", "listeners " + other + " and " + listener.name() + " both use port "
                        + listener.port() + ": give each listener its own port");
            }
        }
        List<String> controllerNames = list(config.get("controller.listener.names"));
        boolean brokerOnly = list(config.get("process.roles")).equals(List.of("broker"));
        if (brokerOnly) {
            for (String name : controllerNames) {
                if (names.contains(name)) {
                    return fix("listeners", "remove " + name + " from listeners: it is the controller listener "
                            + "(controller.listener.names), and a broker-only node must not listen on it");
                }
            }
        }
        Set<String> mapped = new LinkedHashSet<>();
        for (String entry : list(config.get("listener.security.protocol.map"))) {
            mapped.add(entry.split(":", 2)[0].strip());
        }
        if (config.containsKey("listener.security.protocol.map")) {
            // Like Kafka's own check: every listener name in use, advertised ones included, needs a protocol.
            Set<String> inUse = new LinkedHashSet<>(names);
            advertised.forEach(endpoint -> inUse.add(endpoint.name()));
            for (String name : inUse) {
                if (!mapped.contains(name)) {
                    return fix("listener.security.protocol.map", "add " + name + ":PLAINTEXT (or the protocol "
                            + "listener " + name + " should use) to listener.security.protocol.map");
                }
            }
        }
        for (Endpoint endpoint : advertised) {
            if (!names.contains(endpoint.name())) {
                return fix("advertised.listeners", "advertised.listeners names listener " + endpoint.name()
                        + ", which listeners does not define: use one of " + names);
            }
        }
        String interBroker = config.get("inter.broker.listener.name");
        if (interBroker != null && !names.contains(interBroker.strip())) {
            return fix("inter.broker.listener.name", "inter.broker.listener.name is " + interBroker.strip()
                    + ", which listeners does not define: use one of " + names);
        }
        for (Endpoint endpoint : advertised) {
            if (endpoint.host().isEmpty() || endpoint.host().equals("0.0.0.0")) {
                return fix("advertised.listeners", "listener " + endpoint.name() + " advertises '" + endpoint.host()
                        + "', which no client can connect to: advertise a host its clients can resolve, e.g. "
                        + endpoint.name() + "://localhost:" + endpoint.port());
            }
        }
        String text = error == null ? "" : error;
        for (Endpoint endpoint : advertised) {
            if (text.contains(endpoint.host()) && containsPort(text, endpoint.port())) {
                return fix("advertised.listeners", "listener " + endpoint.name() + " advertises " + endpoint.host()
                        + ":" + endpoint.port() + ", which the client could not reach: advertise the host and port "
                        + "it can connect to (from this machine: localhost and the published host port)");
            }
        }
        return Optional.empty();
    }

    private static boolean containsPort(String text, int port) {
        return Pattern.compile("(?<![0-9])" + port + "(?![0-9])").matcher(text).find();
    }

    private static Optional<ListenerFix> fix(String setting, String fix) {
        return Optional.of(new ListenerFix(setting, fix));
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static List<Endpoint> parse(String value) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String entry : list(value)) {
            Matcher m = LISTENER.matcher(entry);
            if (m.matches()) {
                endpoints.add(new Endpoint(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
        }
        return endpoints;
    }
}
