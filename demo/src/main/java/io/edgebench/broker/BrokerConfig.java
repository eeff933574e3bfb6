package io.edgebench.broker;

/** HiveMQ's config.xml for the embedded broker: one loopback TCP listener, memory only, no phoning home. */
final class BrokerConfig {
    private BrokerConfig() {}

    static String xml(String host, int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host);
    }
}
