package dev.kafkacourse.session05;

import java.util.Map;
import java.util.Optional;

/**
 * Exercise 3: a broken listener configuration, diagnosed from its error. Listener mistakes show up two ways: the
 * broker refuses to start with a message that does not always point at the setting to change (a typo in
 * {@code advertised.listeners} is reported as a missing security protocol), or the broker starts and its clients
 * time out because it told them an address they cannot reach. Either way the fix is one setting.
 */
public final class ListenerDiagnosis {

    private ListenerDiagnosis() {
    }

    /**
     * Names the one listener setting of a node to change, and how. Listener entries are {@code NAME://host:port}
     * (host may be empty); list settings are comma-separated. The first of these rules that applies wins:
     * <ol>
     *   <li>two entries of {@code listeners} use the same port: setting {@code listeners}, the fix names the port;
     *   <li>a broker-only node ({@code process.roles=broker}) has a listener of {@code controller.listener.names}
     *       in {@code listeners}: setting {@code listeners}, the fix names that listener;
     *   <li>{@code advertised.listeners} names a listener that {@code listeners} does not define (a typo): setting
     *       {@code advertised.listeners}, the fix names it and the listener names {@code listeners} does define;
     *   <li>{@code inter.broker.listener.name} is not defined in {@code listeners}: setting
     *       {@code inter.broker.listener.name}, the fix names it and the names {@code listeners} defines;
     *   <li>{@code listener.security.protocol.map} is set but has no entry for a listener of {@code listeners}:
     *       setting {@code listener.security.protocol.map}, the fix says {@code add NAME:PLAINTEXT} for it;
     *   <li>{@code advertised.listeners} advertises host {@code 0.0.0.0} or no host: setting
     *       {@code advertised.listeners}, the fix names the listener;
     *   <li>the error names an advertised address the client could not reach, i.e. an entry of
     *       {@code advertised.listeners} whose host and port both occur in {@code error} (clients write it as
     *       {@code host:port} or {@code host/ip:port}): setting {@code advertised.listeners}, the fix names that
     *       listener and its host;
     *   <li>otherwise nothing is wrong with the listener settings: empty (the error has another cause, e.g. a
     *       wrong {@code bootstrap.servers} or missing permissions).
     * </ol>
     *
     * @param config the node's server properties
     * @param error  what was reported: the broker's start-up error, or a client's exception or log line
     */
    public static Optional<ListenerFix> diagnose(Map<String, String> config, String error) {
        // TODO: parse listeners and advertised.listeners into (name, host, port); apply the rules in order and
        //  return the first fix; compare the advertised hosts and ports with the error text only at rule 7.
        throw new UnsupportedOperationException("TODO session05 exercise 3: implement ListenerDiagnosis.diagnose");
    }
}
