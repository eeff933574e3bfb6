package io.edgebench.systemd;

import io.edgebench.runtime.tflite.edgetpu.NativeLoader;
import java.io.IOException;
import java.util.Map;

/**
 * systemd's notification protocol (sd_notify(3)): one datagram such as {@code READY=1} or {@code WATCHDOG=1} to
 * the unix socket named by {@code $NOTIFY_SOCKET}. The JDK cannot send unix datagrams, so the send is in the JNI
 * shim (native/notify.c), which is loaded from the jar like the Edge TPU shim. Outside systemd (no
 * NOTIFY_SOCKET) {@link #fromEnvironment} returns null and nothing is sent.
 */
public final class SdNotify {
    private final String socket;

    private SdNotify(String socket) {
        this.socket = socket;
    }

    /** The notifier systemd asked for through the environment, or null when not started by a Type=notify unit. */
    public static SdNotify fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return null;
        }
        try {
            NativeLoader.ensureLoaded();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "NOTIFY_SOCKET [" + socket + "] is set (a Type=notify unit) but the JNI"
                            + " shim that sends sd_notify could not be loaded: " + e.getMessage()
                            + " Install the package"
                            + " for this board's arch, or set Type=simple in a drop-in (systemctl edit edgebench-agent).",
                    e);
        }
        return new SdNotify(socket);
    }

    /** Sends one notification, e.g. "READY=1" or "WATCHDOG=1"; throws with the socket and errno text on failure. */
    public void send(String state) throws IOException {
        send(socket, state);
    }

    public String socket() {
        return socket;
    }

    /**
     * Java: sends {@code state} as one datagram to {@code socketPath} ("/path" or "@abstract"); returns the bytes
     * sent, throws IOException with the reason (errno text) on failure.
     */
    private static native int send(String socketPath, String state) throws IOException;
}
