package io.edgebench.resultstore;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster from Debian's postgresql package (initdb and pg_ctl under
 * /usr/lib/postgresql/N/bin), on a free loopback port in its own temp dir. PostgreSQL refuses to run as root, so as
 * root the cluster belongs to the package's "postgres" user (runuser). Skips where none can be started, except in
 * CI (CI=true), where the PostgreSQL path is part of the acceptance and a skip would hide it (.ci/postgres.sh).
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    public static PostgresServer start() throws Exception {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("edgebench-pg");
        if (root) {
            UserPrincipal postgres;
            try {
                postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                unavailable("running as root and there is no \"postgres\" user to own the cluster");
                return null;
            }
            Files.setOwner(dir, postgres);
        }
        PostgresServer s = new PostgresServer(bin, dir, freePort(), root);
        s.run(
                60,
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-A",
                "trust",
                "-U",
                "edgebench",
                "--no-sync",
                "-E",
                "UTF8");
        s.startServer();
        return s;
    }

    /** Starts the server (again, on the same port and data). */
    public void startServer() throws Exception {
        run(
                90,
                bin.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -h 127.0.0.1 -k " + dir + " -c fsync=off",
                "start");
    }

    /** Stops it, dropping every connection: a database outage as clients see one. */
    public void stopServer() throws Exception {
        run(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    /** A JDBC URL of the cluster's default database, user edgebench (trust auth, loopback only). */
    public DatabaseUrl url() {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=edgebench", null, null);
    }

    @Override
    public void close() throws Exception {
        try {
            run(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop");
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private void run(int timeoutS, String... cmd) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        Path out = Files.createTempFile("edgebench-pg", ".out");
        try {
            Process p = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .directory(new File("/"))
                    .start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in " + timeoutS + " s");
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                throw new IOException(
                        String.join(" ", full) + " exited " + p.exitValue() + ": " + Files.readString(out) + log);
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder());
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        unavailable("no initdb under /usr/lib/postgresql/*/bin (apt-get install postgresql; .ci/postgres.sh does)");
        return null;
    }

    private static void unavailable(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("PostgreSQL is required in CI but cannot be started: " + why);
        }
        Assumptions.abort("PostgreSQL tests skipped: " + why);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
