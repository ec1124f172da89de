package dev.kafkacourse.session18;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthorizationException;

/** Assertions on {@link Outcome}s that say what was expected and what the broker answered. */
final class SecureTesting {

    private SecureTesting() {
    }

    /** Runs independent probes side by side (each mostly waits on the broker); outcomes in the given order. */
    @SafeVarargs
    static List<Outcome> probeAll(Supplier<Outcome>... probes) {
        return List.copyOf(Parallel.each(Arrays.asList(probes), Supplier::get).values());
    }

    static void assertAllowed(String what, Outcome outcome) {
        assertThat(outcome.allowed()).as("%s should be allowed, but the broker answered %s", what, outcome)
                .isTrue();
    }

    static void assertDenied(String what, Outcome outcome, Class<? extends AuthorizationException> expected) {
        assertThat(outcome.allowed()).as("%s should be refused with %s, but it was allowed: the ACLs grant too "
                + "much", what, expected.getSimpleName()).isFalse();
        assertThat(outcome.error()).as("%s should be refused with %s", what, expected.getSimpleName())
                .isInstanceOf(expected);
    }

    /** Refused by the authorizer, whichever of the resources it checked first. */
    static void assertDenied(String what, Outcome outcome) {
        assertDenied(what, outcome, AuthorizationException.class);
    }
}
