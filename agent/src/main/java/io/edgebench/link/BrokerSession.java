package io.edgebench.link;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A connection for a short-lived command (send, fleet status): connected once at open, never reconnecting (an
 * unreachable broker is an answer the user needs at once), subscribing as it goes. Opened by
 * {@link PahoBrokerLink#session}; inbound messages go to the {@link BrokerLink.Listener} given there.
 */
public interface BrokerSession extends AutoCloseable {

    /** Subscribes and waits for the broker's acknowledgement. */
    void subscribe(String filter) throws IOException;

    /** As {@link BrokerLink#publish}. */
    CompletableFuture<PublishAck> publish(BrokerLink.Outbound message);

    /** Disconnects; never throws. */
    @Override
    void close();
}
