package io.edgebench.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link CommandParser#parse} with Jazzer: any verb and bytes end in a Command or a
 * CommandRejectedException with a code, never another exception. Regression mode (the default test run) replays the
 * inputs under src/test/resources (plus every crash found so far); {@code JAZZER_FUZZ=1} fuzzes (README, Reliability).
 */
@org.junit.jupiter.api.Tag("slow")
class CommandParserFuzzTest {
    private static final CommandParser PARSER = new CommandParser(64L << 20);

    @FuzzTest(maxDuration = "30s")
    void parse_neverThrowsAnythingButARejection(FuzzedDataProvider data) {
        int v = data.consumeInt(0, Topics.VERBS.size());
        // one in VERBS.size()+1: a verb that does not exist; the rest of the input: the request's bytes
        String verb = v == Topics.VERBS.size() ? "no/such/verb" : Topics.VERBS.get(v);
        byte[] payload = data.consumeRemainingAsBytes();
        try {
            Command c = PARSER.parse(verb, payload);
            if (c == null) {
                throw new AssertionError("parse returned null for " + new String(payload, StandardCharsets.UTF_8));
            }
        } catch (CommandRejectedException e) {
            if (e.code() == null || e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("a rejection without code or message", e);
            }
        }
    }
}
