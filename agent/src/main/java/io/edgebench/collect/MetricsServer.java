package io.edgebench.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.LatestFigures;
import io.edgebench.resultstore.ResultStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code collect --metrics-port}: GET /metrics answers with this collector's state and the store's newest figures per
 * device in the Prometheus text format ({@link PrometheusText}). When the store cannot be read the answer is still
 * 200 with the collector's own families, so that a collector waiting for its database says so instead of going
 * dark. The JDK's own HTTP server, one thread: scrapes come every few seconds, and each reads the database afresh,
 * so every member of a collector group serves the whole fleet, not its share.
 */
public final class MetricsServer implements AutoCloseable {
    public static final String PATH = "/metrics";
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code address:port} (port 0: any free one).
     *
     * @throws IOException when the port is taken or the address is not local
     */
    public static MetricsServer start(
            String address, int port, DatabaseUrl db, Supplier<CollectorHealth> health, Consumer<String> log)
            throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics-port [" + port + "] must be 0..65535 (0: any free port)");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new IOException(
                    "metrics endpoint cannot listen on [" + address + ":" + port + "]: " + e.getMessage()
                            + "; is the port in use, and is the address one of this host's?",
                    e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "collect-metrics"));
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, db, health, log));
        server.start();
        MetricsServer m = new MetricsServer(server, executor);
        log.accept("collect event=metrics_listening address=" + address + " port=" + m.port() + " path=" + PATH);
        return m;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange ex, DatabaseUrl db, Supplier<CollectorHealth> health, Consumer<String> log)
            throws IOException {
        try (ex) {
            if (!PATH.equals(ex.getRequestURI().getPath())) {
                text(
                        ex,
                        404,
                        "Path [" + ex.getRequestURI().getPath() + "] is not served; the metrics are at " + PATH + "\n");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                text(ex, 405, "Method [" + ex.getRequestMethod() + "] is not allowed on " + PATH + "; use GET\n");
                return;
            }
            List<LatestFigures.Device> devices;
            try {
                devices = LatestFigures.read(db);
            } catch (ResultStore.StoreException e) {
                log.accept("collect event=metrics_failed reason=\"" + e.getMessage() + "\" (serving the collector's"
                        + " own metrics only)");
                devices = List.of();
            }
            ex.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
            ex.sendResponseHeaders(200, 0); // chunked: the body is written as it is formatted
            PrintWriter out = new PrintWriter(new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8));
            PrometheusText.write(health.get(), devices, out);
        }
    }

    private static void text(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
