package io.edgebench.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One `edgebench ...` command as a child JVM: its exit code and everything it printed (stdout and stderr). */
public record CliProcess(int exit, String output) {

    public static CliProcess run(Path workDir, String... args) throws Exception {
        return run(workDir, java.util.Map.of(), args);
    }

    /** The same with more environment variables (passwords come from the environment). */
    public static CliProcess run(Path workDir, java.util.Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "io.edgebench.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment()
                .put(
                        "CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("edgebench " + String.join(" ", args) + " did not exit");
        }
        return new CliProcess(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
