package io.edgebench.cli;

import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.worker.WorkerArchive;
import io.edgebench.worker.WorkerArchiveBuilder;
import io.edgebench.worker.WorkerLaunch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgebench cds}: prepares faster JVM starts. Writes the worker's class-data-sharing archive when this jar has
 * none yet, then runs a one-inference bench through the normal CLI path, so that a JVM started with
 * -XX:ArchiveClassesAtExit (the launcher does this on its first run) archives the CLI's classes too.
 */
@Command(
        name = "cds",
        hidden = true,
        description = "Internal: builds the class-data-sharing archives that make edgebench and its workers start "
                + "faster (the launcher runs it once per build; EDGEBENCH_CDS_DIR=off disables them).")
public final class CdsCommand implements Callable<Integer> {
    /** What the agent loads besides the bench path: its daemon, the broker link and Paho, the stores, systemd. */
    private static final List<String> AGENT_PACKAGES = List.of(
            "io/edgebench/daemon/",
            "io/edgebench/link/",
            "io/edgebench/store/",
            "io/edgebench/systemd/",
            "io/edgebench/homeassistant/",
            "org/eclipse/paho/");

    @Spec
    CommandSpec spec;

    @Option(names = "--agent", description = "Also load the agent's classes (the archive for the agent service).")
    boolean agent;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        WorkerLaunch launch = WorkerLaunch.sameJvm();
        Optional<WorkerArchive> archive = WorkerArchive.of(launch.java(), launch.classPath());
        Path dir = Files.createTempDirectory("edgebench-cds");
        try {
            Forge.Result pair = Forge.forge(ForgeSpec.tiny(), dir);
            Path model = pair.tflite();
            if (archive.isEmpty()) {
                err.println("edgebench cds: class-data sharing is off (class path is not one jar, or "
                        + WorkerArchive.DIR_ENV + "=off)");
            } else if (archive.get().exists()) {
                err.println("edgebench cds: worker archive up to date: "
                        + archive.get().file());
            } else {
                err.println(
                        "edgebench cds: " + new WorkerArchiveBuilder(launch).build(archive.get(), model, pair.onnx()));
            }
            err.flush();
            // The CLI's own classes: the same path a user's `edgebench bench` takes.
            int code = Main.commandLine()
                    .execute(
                            "bench",
                            model.toString(),
                            "--runs",
                            "1",
                            "--warmup-runs",
                            "0",
                            "--warmup-seconds",
                            "0",
                            "--min-seconds",
                            "0",
                            "--threads",
                            "1",
                            "--no-telemetry",
                            "--quiet");
            if (agent) {
                err.println("edgebench cds: agent classes loaded: " + loadAgentClasses(Path.of(launch.classPath())));
            }
            return code;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Loads (without initializing: no broker, no threads) every class of the agent's packages from the jar, so
     * that the archive dumped at exit holds them; the agent then maps them instead of parsing them at each start.
     */
    private static int loadAgentClasses(Path jar) throws IOException {
        int loaded = 0;
        ClassLoader loader = CdsCommand.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (name.endsWith(".class")
                        && !name.contains("-")
                        && AGENT_PACKAGES.stream().anyMatch(name::startsWith)) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError ignored) {
                        // optional parts of a library (a class needing an absent dependency): not archived, harmless
                    }
                }
            }
        }
        return loaded;
    }
}
