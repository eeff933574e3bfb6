package io.edgebench.daemon;

import io.edgebench.testkit.EmbeddedHiveMqBroker;
import io.edgebench.testkit.TestBroker;
import java.nio.file.Path;

/** The protocol scenarios against the embedded HiveMQ CE broker (what `edgebench demo` uses). */
class AgentHiveMqTest extends AgentBrokerScenarios {
    @Override
    TestBroker startBroker(Path dir) throws Exception {
        return EmbeddedHiveMqBroker.start(dir);
    }
}
