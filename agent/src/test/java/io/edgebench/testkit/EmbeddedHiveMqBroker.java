package io.edgebench.testkit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HiveMQ CE embedded in the test JVM: in-memory persistence, loopback only (it accepts anonymous clients), usage
 * statistics off, logging left to the quiet logback file surefire points at.
 */
public final class EmbeddedHiveMqBroker implements TestBroker {
    private final Path dir;
    private final int port;
    private EmbeddedHiveMQ hive;

    private EmbeddedHiveMqBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static EmbeddedHiveMqBroker start(Path dir) throws Exception {
        EmbeddedHiveMqBroker b = new EmbeddedHiveMqBroker(dir, MosquittoBroker.freePort());
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(b.port));
        b.restart();
        return b;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void restart() throws Exception {
        hive = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data"))
                .withExtensionsFolder(dir.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        hive.start().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void kill() throws Exception {
        if (hive != null) {
            hive.stop().get(30, TimeUnit.SECONDS);
            hive.close();
            hive = null;
        }
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
