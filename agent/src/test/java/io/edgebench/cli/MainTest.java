package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void unknownSubcommand_exitsWithUsage() {
        assertEquals(ExitCode.USAGE, Main.run("no-such-command"));
    }

    @Test
    void version_exitsOk() {
        assertEquals(ExitCode.OK, Main.run("--version"));
    }
}
