package io.edgebench.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.acceptance.DocCommands.DocCommand;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Ties the documentation to the acceptance suite: a command shown in README.md or docs/*.md must be run by
 * {@link DocumentedCommandsAcceptanceTest} (listed in {@link AcceptanceCases}) or sit in a block marked
 * {@code <!-- not run: why -->}. Fast: it reads the docs, it runs nothing.
 */
class DocumentedCommandsTest {
    private static final DocCommands DOCS = DocCommands.read(Launcher.repository());

    @Test
    void everyDocumentedCommand_isRunByTheSuite_orMarkedNotRunWithWhy() {
        List<DocCommand> untested = untested(DOCS.all(), AcceptanceCases.ALL);
        assertTrue(
                untested.isEmpty(),
                "documented commands that no test runs:\n  "
                        + untested.stream().map(DocCommand::toString).collect(Collectors.joining("\n  "))
                        + "\nadd each to AcceptanceCases (as documented, with what it must print), or put"
                        + " <!-- not run: WHY --> on the line before its code block");
    }

    @Test
    void everyCaseOfTheSuite_isStillDocumented() {
        Set<String> documented = DOCS.toRun().stream().map(DocCommand::text).collect(Collectors.toSet());
        List<String> stale = AcceptanceCases.ALL.stream()
                .map(Case::doc)
                .filter(d -> !documented.contains(d))
                .toList();
        assertTrue(
                stale.isEmpty(),
                "AcceptanceCases runs commands the docs no longer show (update them with the" + " docs):\n  "
                        + String.join("\n  ", stale));
    }

    @Test
    void notRunMarkers_sayWhy() {
        for (DocCommand c : DOCS.all()) {
            if (c.notRun() != null) {
                assertTrue(
                        c.notRun().split("\\s+").length >= 3,
                        c + ": a not-run marker must say why, got [" + c.notRun() + "]");
            }
        }
    }

    @Test
    void aNewDocumentedCommand_isReported_untilRunOrMarked() {
        List<String> doc = List.of(
                "Text.",
                "```sh",
                "edgebench sensors   # what is here",
                "edgebench bench new.tflite \\",
                "    --runs 5",
                "mosquitto -p 1883 &",
                "```",
                "",
                "<!-- not run: needs an Edge TPU board -->",
                "```",
                "edgebench bench m_edgetpu.tflite --delegate edgetpu",
                "```");
        List<DocCommand> parsed = DocCommands.parse("x.md", doc);
        assertEquals(
                List.of(
                        "edgebench sensors",
                        "edgebench bench new.tflite --runs 5",
                        "edgebench bench m_edgetpu.tflite --delegate edgetpu"),
                parsed.stream().map(DocCommand::text).toList());
        assertEquals("needs an Edge TPU board", parsed.get(2).notRun());
        List<DocCommand> untested = untested(parsed, List.of(Case.of("edgebench sensors")));
        assertEquals(
                List.of("x.md:4: edgebench bench new.tflite --runs 5"),
                untested.stream().map(DocCommand::toString).toList());
    }

    /** Documented commands neither marked not run nor among {@code cases}. */
    static List<DocCommand> untested(List<DocCommand> documented, List<Case> cases) {
        Set<String> run = cases.stream().map(Case::doc).collect(Collectors.toSet());
        return documented.stream()
                .filter(c -> c.notRun() == null && !run.contains(c.text()))
                .toList();
    }
}
