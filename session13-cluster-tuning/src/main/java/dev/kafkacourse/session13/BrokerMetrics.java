package dev.kafkacourse.session13;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Broker metrics read through JMX. An embedded broker runs in this JVM, so its (Yammer) metrics are MBeans of the
 * platform MBean server, exactly what {@code jconsole} or the Prometheus JMX exporter would read from a real broker.
 * A broker in a container or on MSK is another process: there the same names are read by a JMX exporter (MSK: open
 * monitoring with Prometheus, port 11001) or as CloudWatch metrics, not from the client's JVM.
 */
final class BrokerMetrics {

    /** Requests waiting for an I/O (request handler) thread. Growing = the handlers cannot keep up. */
    static final String REQUEST_QUEUE_SIZE = "kafka.network:type=RequestChannel,name=RequestQueueSize";
    /** Responses waiting for a network thread to send them. */
    static final String RESPONSE_QUEUE_SIZE = "kafka.network:type=RequestChannel,name=ResponseQueueSize";
    /** Share of time the I/O threads are idle, as a meter (rate of idle fraction): 1.0 = idle, below ~0.3 = busy. */
    static final String REQUEST_HANDLER_IDLE = "kafka.server:type=KafkaRequestHandlerPool,name=RequestHandlerAvgIdlePercent";
    /** Share of time the network threads are idle (a gauge, 0..1). */
    static final String NETWORK_PROCESSOR_IDLE = "kafka.network:type=SocketServer,name=NetworkProcessorAvgIdlePercent";
    static final String BYTES_IN = "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec";
    /** Time a produce request waited in the request queue before an I/O thread took it. */
    static final String PRODUCE_QUEUE_TIME = "kafka.network:type=RequestMetrics,name=RequestQueueTimeMs,request=Produce";
    static final String PRODUCE_TOTAL_TIME = "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce";

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private BrokerMetrics() {
    }

    /** One attribute of an MBean, or empty if this JVM has no such MBean (the broker runs elsewhere). */
    static Optional<Double> read(String objectName, String attribute) {
        try {
            ObjectName name = new ObjectName(objectName);
            if (!SERVER.isRegistered(name)) {
                return Optional.empty();
            }
            Object value = SERVER.getAttribute(name, attribute);
            return value instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
        } catch (JMException e) {
            return Optional.empty();
        }
    }

    /** Live threads of this JVM whose name starts with {@code prefix} (e.g. the broker's request handlers). */
    static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
