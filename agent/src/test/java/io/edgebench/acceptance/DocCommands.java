package io.edgebench.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The edgebench commands the user documentation shows: every line of a fenced code block in README.md and docs/*.md
 * that starts with {@code edgebench } or {@code ./edgebench } (after an optional {@code $ } prompt and {@code VAR=value}
 * prefixes), with
 * {@code \} continuation lines joined. A block preceded by {@code <!-- not run: WHY -->} is documented as not run
 * by the acceptance suite, with its reason; the reason must say why (at least a few words).
 */
record DocCommands(List<DocCommand> all) {
    static final Pattern NOT_RUN = Pattern.compile("^<!--\\s*not run:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern COMMAND = Pattern.compile("^(?:[A-Z_]+=\\S+\\s+)*(?:\\./)?edgebench\\s.*");

    /** One documented command line; {@code notRun} is null when the suite must run it. */
    record DocCommand(String file, int line, String text, String notRun) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    DocCommands {
        all = List.copyOf(all);
    }

    /** The README and every docs/*.md under {@code repo}. */
    static DocCommands read(Path repo) {
        List<Path> files = new ArrayList<>();
        files.add(repo.resolve("README.md"));
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DocCommand> found = new ArrayList<>();
        for (Path f : files) {
            try {
                found.addAll(parse(repo.relativize(f).toString(), Files.readAllLines(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new DocCommands(found);
    }

    static List<DocCommand> parse(String file, List<String> lines) {
        List<DocCommand> found = new ArrayList<>();
        boolean inBlock = false;
        String blockNotRun = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.stripLeading().startsWith("```")) {
                blockNotRun = inBlock ? null : notRunMarker(lines, i);
                inBlock = !inBlock;
                continue;
            }
            // a transcript's prompt is not part of the command
            String typed = line.strip().startsWith("$ ") ? line.strip().substring(2) : line.strip();
            if (!inBlock || !COMMAND.matcher(typed).matches()) {
                continue;
            }
            int first = i;
            StringBuilder text = new StringBuilder(typed);
            while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(lines.get(++i).strip());
            }
            found.add(new DocCommand(file, first + 1, normalize(text.toString()), blockNotRun));
        }
        return found;
    }

    /** A command as the suite names it: shell comments and repeated blanks removed. */
    static String normalize(String command) {
        String noComment = command.replaceAll("\\s+#\\s.*$", "");
        return noComment.replaceAll("\\s+", " ").strip();
    }

    private static String notRunMarker(List<String> lines, int fence) {
        for (int j = fence - 1; j >= 0 && j >= fence - 2; j--) {
            Matcher m = NOT_RUN.matcher(lines.get(j).strip());
            if (m.matches()) {
                return m.group(1);
            }
            if (!lines.get(j).isBlank()) {
                break;
            }
        }
        return null;
    }

    List<DocCommand> toRun() {
        return all.stream().filter(c -> c.notRun() == null).toList();
    }
}
