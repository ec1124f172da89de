package dev.kafkacourse.session17;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * A real producer with failures injected at chosen transactions (counted by {@code beginTransaction}), so a test
 * can see what an exactly-once loop does when a commit fails or the process dies at an awkward moment.
 */
final class InjectingProducer implements InvocationHandler {

    /** What happens in one transaction. */
    enum Injection {
        /** commitTransaction fails (nothing committed): the loop must abort and read the batch again. */
        COMMIT_FAILS,
        /** The outputs are sent and flushed, then the process dies before adding offsets or committing. */
        CRASH_AFTER_SEND,
        /** The commit went through, then the process dies before anything else happens. */
        CRASH_AFTER_COMMIT
    }

    /** The process died here (an Error, so that no catch of the code under test swallows it). */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final Producer<String, String> real;
    private final Map<Integer, Injection> plan = new HashMap<>();
    private int transaction;
    private int commits;

    private InjectingProducer(Producer<String, String> real) {
        this.real = real;
    }

    @SuppressWarnings("unchecked")
    static InjectingProducer wrap(Producer<String, String> real) {
        return new InjectingProducer(real);
    }

    InjectingProducer at(int transaction, Injection injection) {
        plan.put(transaction, injection);
        return this;
    }

    @SuppressWarnings("unchecked")
    Producer<String, String> producer() {
        return (Producer<String, String>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, this);
    }

    int transactions() {
        return transaction;
    }

    int commits() {
        return commits;
    }

    Producer<String, String> real() {
        return real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Injection now = plan.get(transaction);
        switch (method.getName()) {
            case "beginTransaction" -> {
                transaction++;
            }
            case "sendOffsetsToTransaction" -> {
                if (now == Injection.CRASH_AFTER_SEND) {
                    real.flush();
                    throw new SimulatedCrash("after sending the outputs of transaction " + transaction);
                }
            }
            case "commitTransaction" -> {
                if (now == Injection.CRASH_AFTER_SEND) {
                    real.flush();
                    throw new SimulatedCrash("after sending the outputs of transaction " + transaction);
                }
                if (now == Injection.COMMIT_FAILS) {
                    plan.remove(transaction);
                    throw new KafkaException("injected: the commit of transaction " + transaction + " failed");
                }
                call(method, args);
                commits++;
                if (now == Injection.CRASH_AFTER_COMMIT) {
                    throw new SimulatedCrash("right after committing transaction " + transaction);
                }
                return null;
            }
            default -> {
            }
        }
        return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
