package io.edgebench.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.testkit.CliProcess;
import io.edgebench.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21: a broker that refuses the login is up; `send` says the credentials were refused, not "unreachable". */
@Tag("slow")
class CredentialsRefusedTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void wrongPassword_saidAsSuch_exit69() throws Exception {
        Path passwords = tmp.resolve("passwd");
        Process p = new ProcessBuilder(
                        MosquittoBroker.client("mosquitto_passwd").toString(),
                        "-b",
                        "-c",
                        passwords.toString(),
                        "ops",
                        "right-password")
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mosquitto_passwd");
        try (MosquittoBroker broker = MosquittoBroker.start(
                tmp.resolve("broker"), false, List.of("allow_anonymous false", "password_file " + passwords))) {
            CliProcess send = CliProcess.run(
                    tmp,
                    Map.of("EDGEBENCH_MQTT_PASSWORD", "wrong-password"),
                    "send",
                    "--broker",
                    broker.url(),
                    "--username",
                    "ops",
                    "--device",
                    "pi4-lab",
                    "--timeout",
                    "5",
                    "ping");
            assertEquals(69, send.exit(), send.output());
            // mosquitto 2.0 answers a wrong password with 0x87 (not authorized), others with 0x86
            assertTrue(
                    send.output()
                            .contains("refused the login: the broker is up; check --username and"
                                    + " $EDGEBENCH_MQTT_PASSWORD"),
                    send.output());
            assertFalse(send.output().contains("Is the broker running"), send.output());
            assertFalse(send.output().contains("wrong-password"), "the password is never printed");
        }
    }
}
