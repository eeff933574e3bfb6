package io.edgebench.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code edgebench doctor}: everything the agent needs on a board, each finding OK, WARN (optional or degraded)
 * or FAIL (needed and missing). The platform first, so on a Mendel board the first line says what to do instead.
 */
public final class Doctor {
    /** Which groups of checks run; fixture tests check the platform and devices of a tree, not this JVM's natives. */
    public record Scope(boolean natives, boolean broker) {}

    private Doctor() {}

    public static List<Check> run(Board board, Scope scope) {
        List<Check> checks = new ArrayList<>(OsChecks.all(board));
        if (scope.natives()) {
            checks.addAll(NativesCheck.run());
        }
        checks.addAll(DeviceChecks.all(board));
        if (scope.broker()) {
            checks.add(BrokerCheck.check(board));
        }
        checks.add(ClockCheck.check(board));
        return checks;
    }

    /** True when nothing needed is missing. */
    public static boolean passed(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    }

    /** The child-JVM side of the natives check; prints one line per library. */
    public static int nativesProbe(java.io.PrintStream out) {
        return NativesCheck.probe(out);
    }
}
