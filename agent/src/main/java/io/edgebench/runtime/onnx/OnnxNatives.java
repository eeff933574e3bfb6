package io.edgebench.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * ONNX Runtime's two native libraries, extracted once into a cache folder that worker JVMs load them from
 * ({@code -Donnxruntime.native.path}, the binding's documented override). Left alone, ONNX Runtime inflates its
 * 28 MB library from the jar into a new temp folder at every start: 0.25-0.3 s of every ONNX worker's start on a
 * 2-core x86_64 VM, and 24 MB written to a Pi's SD card per worker process.
 *
 * <p>The folder is named by the jar entries' CRCs, so another ONNX Runtime build gets its own folder. It
 * is written as a temp folder renamed into place, and used only while both libraries are regular files (not
 * symlinks) of the jar's sizes, owned by this user and writable by no one else: a library loaded into the worker
 * is code, so nobody but the user may be able to change it.
 */
public final class OnnxNatives {
    /** ONNX Runtime's own property: the folder holding both libraries. */
    public static final String PATH_PROPERTY = "onnxruntime.native.path";

    private static final List<String> LIBRARIES = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");
    /** Cache folders where extracting failed (read-only, disk full): not retried at every worker start. */
    private static final Set<Path> FAILED = ConcurrentHashMap.newKeySet();

    private OnnxNatives() {}

    /**
     * The folder under {@code cacheDir} holding this build's libraries, extracted now if missing or damaged; empty
     * when they cannot be (another platform, a read-only or full disk): the worker then extracts them itself.
     */
    public static Optional<Path> prepared(Path cacheDir) {
        Optional<List<Entry>> entries = Entry.THIS_PLATFORM;
        if (entries.isEmpty() || FAILED.contains(cacheDir)) {
            return Optional.empty();
        }
        Path dir = cacheDir.resolve("onnxruntime-" + key(entries.get()));
        if (complete(dir, entries.get())) {
            return Optional.of(dir);
        }
        try {
            extract(dir, entries.get());
        } catch (IOException | RuntimeException e) {
            // falls through: complete() decides
        }
        if (complete(dir, entries.get())) {
            return Optional.of(dir);
        }
        FAILED.add(cacheDir);
        return Optional.empty();
    }

    /** One library in the jar: its name, resource, size and CRC. */
    private record Entry(String name, URL resource, long size, long crc) {
        static final Optional<List<Entry>> THIS_PLATFORM = ofThisPlatform();

        /** Both libraries of this OS and CPU as ONNX Runtime's jar names them; empty elsewhere or outside a jar. */
        private static Optional<List<Entry>> ofThisPlatform() {
            String folder = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> "linux-x64";
                case "aarch64" -> "linux-aarch64";
                default -> null;
            };
            if (folder == null || !System.getProperty("os.name", "").equals("Linux")) {
                return Optional.empty();
            }
            String prefix = "ai/onnxruntime/native/" + folder + "/";
            List<Entry> entries = new ArrayList<>();
            for (String name : LIBRARIES) {
                URL url = OnnxNatives.class.getClassLoader().getResource(prefix + name);
                try {
                    if (url == null || !(url.openConnection() instanceof JarURLConnection c)) {
                        return Optional.empty();
                    }
                    JarEntry e = c.getJarEntry();
                    entries.add(new Entry(name, url, e.getSize(), e.getCrc()));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(entries);
        }
    }

    /** The entries' CRCs: another build of either library gets another folder. */
    private static String key(List<Entry> entries) {
        StringBuilder key = new StringBuilder();
        entries.forEach(e -> key.append(String.format("%08x", e.crc())));
        return key.toString();
    }

    /** Both libraries there as regular files of the jar's sizes, owned by this user, writable by no one else. */
    static boolean complete(Path dir, List<Entry> entries) {
        try {
            if (!trusted(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            for (Entry e : entries) {
                Path lib = dir.resolve(e.name());
                if (!Files.isRegularFile(lib, LinkOption.NOFOLLOW_LINKS)
                        || Files.size(lib) != e.size()
                        || !trusted(lib)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean trusted(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && !perms.contains(PosixFilePermission.GROUP_WRITE)
                && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** Writes both libraries into a temp folder beside {@code dir}, then renames it into place. */
    private static void extract(Path dir, List<Entry> entries) throws IOException {
        Files.createDirectories(dir.getParent());
        Path temp = Files.createTempDirectory(
                dir.getParent(),
                dir.getFileName() + ".tmp-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            for (Entry e : entries) {
                try (InputStream in = e.resource().openStream()) {
                    Files.copy(in, temp.resolve(e.name()));
                }
                Files.setPosixFilePermissions(temp.resolve(e.name()), PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (complete(dir, entries)) {
                return; // another process finished first: its copy may be loading in a worker now
            }
            removeTree(dir); // a damaged or foreign copy: ours replaces it
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            removeTree(temp);
        }
    }

    /** Deletes a folder and its files without following symlinks (a link is removed, not its target). */
    static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(dir);
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
