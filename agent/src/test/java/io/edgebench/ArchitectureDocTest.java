package io.edgebench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md draws the package graph from the code: its mermaid block must hold exactly the arrows of the
 * transitive reduction of the real dependencies between top-level packages (every arrow drawn exists, and every
 * dependency not drawn is implied by a path of drawn ones). On a mismatch the failure prints the block to paste.
 */
class ArchitectureDocTest {
    private static final String ROOT = "io.edgebench.";
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) --> (\\w+)\\s*$", Pattern.MULTILINE);

    @Test
    void mermaidGraph_isTheTransitiveReductionOfTheCode() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        String expected = mermaid(reduce(graph));
        String doc = Files.readString(Path.of("..", "docs", "architecture.md"));
        String drawn = doc.substring(doc.indexOf("```mermaid"), doc.indexOf("```", doc.indexOf("```mermaid") + 3) + 3);
        assertEquals(
                edges(expected), edges(drawn), "docs/architecture.md's graph is not the code's; paste:\n" + expected);
    }

    private static Map<String, Set<String>> packageGraph() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgebench");
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = top(c.getPackageName());
            if (from == null) {
                continue;
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = top(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    graph.get(from).add(to);
                }
            }
        }
        return graph;
    }

    /** The top-level package under io.edgebench; null outside it (the JDK, vendors). */
    private static String top(String pkg) {
        if (!pkg.startsWith(ROOT)) {
            return null;
        }
        String rest = pkg.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Drops an arrow a -> b when b is reachable from a by another path (the graph is acyclic: LayeringTest). */
    private static Map<String, Set<String>> reduce(Map<String, Set<String>> graph) {
        Map<String, Set<String>> out = new TreeMap<>();
        graph.forEach((a, targets) -> out.put(
                a,
                targets.stream()
                        .filter(b -> targets.stream().noneMatch(c -> !c.equals(b) && reaches(graph, c, b)))
                        .collect(Collectors.toCollection(TreeSet::new))));
        return out;
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String to) {
        Deque<String> todo = new ArrayDeque<>(Set.of(from));
        Set<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (p.equals(to)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(graph.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }

    private static String mermaid(Map<String, Set<String>> graph) {
        StringBuilder b = new StringBuilder("```mermaid\ngraph TD\n");
        graph.forEach((a, targets) -> targets.forEach(
                t -> b.append("  ").append(a).append(" --> ").append(t).append('\n')));
        return b.append("```").toString();
    }

    private static Set<String> edges(String block) {
        Set<String> out = new TreeSet<>();
        Matcher m = EDGE.matcher(block);
        while (m.find()) {
            out.add(m.group(1) + " --> " + m.group(2));
        }
        return out;
    }
}
