package io.edgebench.cli;

import io.edgebench.report.HtmlReport;
import io.edgebench.report.ReportInputs;
import io.edgebench.report.ReportJob;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.ResultQuery;
import io.edgebench.resultstore.ResultStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `edgebench report`: one self-contained HTML page from result files or the results store (docs/results.md). */
@Command(
        name = "report",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Write one self-contained HTML report (opens offline): a verdict per device, latency "
                    + "distributions, p50/p99 with CIs, throughput, energy, temperature and power traces, start-up, "
                    + "memory, validity and op profiles, devices side by side.",
            "  report pi4.json pi5.json coral.json -o report.html",
            "  report --db jdbc:sqlite:edgebench-results.db --since 7d --model mobilenet_v2.tflite -o report.html"
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:written",
            "64:bad usage (also: a --since out of range, a SQLite --db file that does not exist)",
            "65:an input file is not a result",
            "69:database unreachable"
        })
public final class ReportCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "RESULT.json",
            arity = "0..*",
            description = "result messages, or bench/compare --json output (or arrays of them)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "read from the results store instead of files")
    String db;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            description = "database user; password from " + "$EDGEBENCH_DB_PASSWORD")
    String dbUser;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "with --db: finished since an instant, a date or" + " an age (7d, 24h)")
    String since;

    @Option(names = "--device", paramLabel = "ID", description = "with --db: one device only")
    String device;

    @Option(names = "--model", paramLabel = "NAME|SHA256", description = "with --db: results that ran this model")
    String model;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "the HTML file to write")
    Path output;

    @Option(
            names = "--title",
            paramLabel = "TEXT",
            defaultValue = "edgebench report",
            description = "page title; default ${DEFAULT-VALUE}")
    String title;

    @Override
    public Integer call() throws Exception {
        if (files.isEmpty() == (db == null)) {
            throw new IllegalArgumentException("give result files or --db URL (one of them), e.g. report r.json -o"
                    + " report.html, or report --db jdbc:sqlite:edgebench-results.db -o report.html");
        }
        if (db == null && (since != null || device != null || model != null)) {
            throw new IllegalArgumentException("--since, --device and --model filter the store: they need --db");
        }
        List<ReportJob> jobs;
        List<io.edgebench.resultstore.AgentStatus> agents = List.of();
        if (db != null) {
            ResultQuery q =
                    new ResultQuery(since == null ? null : ReportInputs.sinceMs(since, Instant.now()), device, model);
            try (ResultStore store =
                    ResultStore.openExisting(DatabaseUrl.of(db, dbUser, System.getenv("EDGEBENCH_DB_PASSWORD")))) {
                jobs = ReportInputs.store(store, q, w -> System.err.println("report: warning: " + w));
                agents = store.agents();
            } catch (ResultStore.StoreException e) {
                System.err.println("edgebench: " + e.getMessage());
                // a file that is not there is a mistyped argument; anything else an unreachable database
                return e.kind() == io.edgebench.resultstore.FailureKind.PERMANENT
                        ? ExitCode.USAGE
                        : ExitCode.UNAVAILABLE;
            }
        } else {
            try {
                jobs = ReportInputs.files(files);
            } catch (java.io.IOException e) {
                System.err.println("edgebench: " + e.getMessage());
                return ExitCode.DATA_ERR;
            }
        }
        String html = HtmlReport.render(title, jobs, agents, Instant.now().toString());
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, html, StandardCharsets.UTF_8);
        System.err.println(
                "report: " + jobs.size() + " result(s) -> " + output + " (" + html.length() / 1024 + " KiB)");
        return ExitCode.OK;
    }
}
