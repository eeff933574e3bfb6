package io.edgebench.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.model.Sha256;
import io.edgebench.wire.Command;
import io.edgebench.wire.SendPayload;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code send sets/put set=NAME dir=PATH}: a local folder (a labelled set's class folders, a reference set's inputs/
 * and outputs/) becomes one sets/put upload per file, its path inside the set kept; {@code file=PATH} sends one
 * file (path= defaults to its name). Hidden files are left out, as the agent's set readers leave them out; a
 * symbolic link is refused, naming it, since the agent would refuse what it points to anyway.
 */
public final class SetUpload {
    private SetUpload() {}

    /** The heads of the uploads {@code request} asks for (each with its local file), in path order. */
    public static List<ObjectNode> heads(ObjectNode request) throws IOException {
        if (request.has("dir") == request.has("file")) {
            throw new IllegalArgumentException("sets/put takes dir=PATH (a folder, sent file by file) or file=PATH"
                    + " with path=PLACE (one file); e.g. sets/put set=flowers dir=./flowers");
        }
        if (request.has("file")) {
            Path file = Path.of(request.get("file").asText());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("file [" + file + "] is not a readable file");
            }
            return List.of(
                    head(request, request.path("path").asText(file.getFileName().toString()), file));
        }
        Path dir = Path.of(request.get("dir").asText());
        if (!Files.isDirectory(dir) || Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException("dir [" + dir + "] is not a folder (or is a symbolic link); expected"
                    + " the set's folder, e.g. DIR/<class>/<images>");
        }
        List<ObjectNode> heads = new ArrayList<>();
        for (Path file : files(dir)) {
            heads.add(head(request, dir.relativize(file).toString().replace('\\', '/'), file));
        }
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("dir [" + dir + "] holds no files to send");
        }
        return heads;
    }

    private static ObjectNode head(ObjectNode request, String path, Path file) throws IOException {
        return SendPayload.withSetFile(request, path, Files.size(file), Sha256.hex(file), file.toString());
    }

    /** Every regular file under dir, at most {@link Command.SetsPut#MAX_PATH_DEPTH} deep, hidden ones left out. */
    private static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (hidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                Path rel = dir.relativize(file);
                if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                    throw new IllegalArgumentException("[" + rel + "] in dir [" + dir + "] is a symbolic link or not"
                            + " a regular file; copy the file itself into the folder");
                }
                if (rel.getNameCount() > Command.SetsPut.MAX_PATH_DEPTH) {
                    throw new IllegalArgumentException("[" + rel + "] in dir [" + dir + "] is " + rel.getNameCount()
                            + " levels deep; a set holds files at most " + Command.SetsPut.MAX_PATH_DEPTH
                            + " deep (labels.txt, <class>/<image>, outputs/<name>/<file>)");
                }
                if (files.size() == Command.SetsPut.MAX_FILES) {
                    throw new IllegalArgumentException("dir [" + dir + "] holds more than " + Command.SetsPut.MAX_FILES
                            + " files,"
                            + " the most a set on an agent may hold; split it into several sets");
                }
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
