package io.edgebench.collect;

import java.util.Locale;

/**
 * What the collector is doing, for operators and tests: storing, waiting for the database (with the reason and
 * since when), or given up (it then exits non-zero so systemd restarts it).
 *
 * @param heldMessages messages received and not yet acknowledged (bounded by the link's receive maximum)
 * @param waitingSinceMs when the oldest held message first failed to store (epoch ms), 0 when not waiting
 */
public record CollectorHealth(State state, String reason, int heldMessages, long waitingSinceMs) {

    /** The collector's states; {@link #code()} is what log lines carry. */
    public enum State {
        STORING,
        WAITING_FOR_STORE,
        GAVE_UP;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static CollectorHealth storing(int held) {
        return new CollectorHealth(State.STORING, "", held, 0);
    }
}
