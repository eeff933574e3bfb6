package io.edgebench.daemon;

import io.edgebench.link.BrokerLink;
import io.edgebench.resultstore.MessageBounds;
import io.edgebench.wire.Topics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Retained commands are never run. A retained command reaches an agent again at every reconnect (a retained
 * models/delete deleted the model after each restart, a retained fleet bench reran everywhere): it is logged and
 * cleared with an empty retained message where the broker's ACL lets this agent publish there. The broker hands
 * that empty message to the subscribers, this agent included: it is recognised and skipped, not answered as a
 * malformed command.
 */
final class RetainedCommands {
    private final BrokerLink link;
    private final Executor background;
    private final Consumer<String> log;
    private final Set<String> clearing = ConcurrentHashMap.newKeySet();

    RetainedCommands(BrokerLink link, Executor background, Consumer<String> log) {
        this.link = link;
        this.background = background;
        this.log = log;
    }

    /** True when {@code in} must not be served: a retained command, or the echo of clearing one. */
    boolean skip(BrokerLink.Inbound in) {
        if (!in.retained()) {
            return in.payload().length == 0 && clearing.remove(in.topic());
        }
        if (in.payload().length == 0) {
            return true; // a cleared retained message: nothing to run
        }
        // Topics come from anyone who may publish: short, and no control character can start a log line.
        String topic = MessageBounds.printable(in.topic(), 120);
        log.accept("command event=retained_ignored topic=" + topic + " (a command must not be retained: it would"
                + " run again after every reconnect; clearing it)");
        clearing.add(in.topic());
        background.execute(() -> link.publish(
                        new BrokerLink.Outbound(in.topic(), new byte[0], Topics.QOS_COMMAND, true, null))
                .whenComplete((ok, e) -> {
                    if (e != null) {
                        clearing.remove(in.topic());
                        log.accept("command event=retained_not_cleared topic=" + topic + " reason=\"" + e.getMessage()
                                + "\" (the broker refused; clear it there: mosquitto_pub -r -n -t TOPIC)");
                    }
                }));
        return true;
    }
}
