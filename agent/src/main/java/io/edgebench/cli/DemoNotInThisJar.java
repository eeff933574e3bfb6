package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * `demo` in the board jar: the demo and its embedded broker ship in the edgebench-demo jar only (it registers the
 * real command through {@link SubcommandProvider}), so this one says where to find it and exits 69.
 */
@Command(name = "demo", description = "Run the one-process demo (in the edgebench-demo jar, not in this one).")
final class DemoNotInThisJar implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    java.util.List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("edgebench: the demo needs the embedded MQTT broker, which ships in the "
                        + "edgebench-demo jar, not in this agent jar (boards connect to a real broker). From a source checkout "
                        + "run ./edgebench demo, or: java -jar demo/target/edgebench-demo-" + VersionProvider.version()
                        + ".jar demo");
        return ExitCode.UNAVAILABLE;
    }
}
