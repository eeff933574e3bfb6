package io.edgebench.acceptance;

import java.util.ArrayList;
import java.util.List;

/**
 * One documented command as the acceptance suite runs it: its text exactly as the docs show it (see
 * {@link DocCommands#normalize}), where it runs, and what it must print and return.
 *
 * @param doc the command as documented
 * @param place the working directory it is typed in
 * @param needs what must exist for it to run at all (absent: the case is skipped, saying why)
 * @param exitCode the exit code it must return (background commands: after SIGTERM)
 * @param stdoutHas strings its stdout must contain
 * @param stderrHas strings its stderr must contain
 * @param filesMade files (relative to the working directory) it must leave, not empty
 * @param background a daemon: started, awaited until ready, stopped with SIGTERM when the suite ends
 * @param readyWhen background: a device id whose retained status must turn online, or a log line fragment
 */
record Case(
        String doc,
        Place place,
        Needs needs,
        int exitCode,
        List<String> stdoutHas,
        List<String> stderrHas,
        List<String> filesMade,
        boolean background,
        String readyWhen) {

    /** Where a user types the command. */
    enum Place {
        /** A fresh clone's root, where {@code ./edgebench} lives. */
        REPOSITORY,
        /** The user's own directory, with their models in it and {@code edgebench} on the PATH. */
        USER_DIR,
        /** A second user directory, for a second agent with its own ./agent-data. */
        SECOND_USER_DIR,
        /** The folder of the shared third-party models. */
        SHARED_MODELS
    }

    /** What a case needs beyond the launcher. */
    enum Needs {
        NOTHING,
        /** The demo jar: the repository's launcher, not the installed package (the demo is not packaged). */
        REPOSITORY_LAUNCHER,
        /** The third-party models folder (absent on a fresh clone). */
        SHARED_MODELS
    }

    Case {
        stdoutHas = List.copyOf(stdoutHas);
        stderrHas = List.copyOf(stderrHas);
        filesMade = List.copyOf(filesMade);
        doc = DocCommands.normalize(doc);
    }

    /** A command run in the user's directory that must exit 0. */
    static Case of(String doc) {
        return new Case(doc, Place.USER_DIR, Needs.NOTHING, 0, List.of(), List.of(), List.of(), false, null);
    }

    Case in(Place p) {
        return new Case(doc, p, needs, exitCode, stdoutHas, stderrHas, filesMade, background, readyWhen);
    }

    Case needs(Needs n) {
        return new Case(doc, place, n, exitCode, stdoutHas, stderrHas, filesMade, background, readyWhen);
    }

    Case exits(int code) {
        return new Case(doc, place, needs, code, stdoutHas, stderrHas, filesMade, background, readyWhen);
    }

    Case stdout(String... has) {
        return new Case(doc, place, needs, exitCode, plus(stdoutHas, has), stderrHas, filesMade, background, readyWhen);
    }

    Case stderr(String... has) {
        return new Case(doc, place, needs, exitCode, stdoutHas, plus(stderrHas, has), filesMade, background, readyWhen);
    }

    Case makes(String... files) {
        return new Case(
                doc, place, needs, exitCode, stdoutHas, stderrHas, plus(filesMade, files), background, readyWhen);
    }

    /** A daemon, ready once {@code readyWhen} holds (a device online, or a fragment of its log). */
    Case daemon(String ready) {
        return new Case(doc, place, needs, exitCode, stdoutHas, stderrHas, filesMade, true, ready);
    }

    private static List<String> plus(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
