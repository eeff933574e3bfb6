package io.edgebench.telemetry;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one way collectors list a sysfs directory (thermal zones, hwmon devices, cores, RAPL domains, apex devices):
 * entries whose names match, in natural order (zone2 before zone10). A directory that does not exist is "no data"
 * (an empty list); one that exists but cannot be listed throws, and the collector reports that error as such
 * ({@link #cannotList}) instead of claiming the kernel has no such sensor.
 */
public final class SysfsListing {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private SysfsListing() {}

    public static List<Path> list(Path dir, String regex) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(regex))
                    .sorted(Comparator.comparing(SysfsListing::naturalKey))
                    .toList();
        }
    }

    /** The absent reason for a directory that exists but could not be listed: the path, why, and a hint. */
    public static String cannotList(Path dir, IOException e) {
        String why = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof NotDirectoryException ? "not a directory" : e.toString();
        return "cannot list " + dir + " (" + why + "); the sensors under it were not probed (run as a user that"
                + " can read it, or check the mount)";
    }

    /** hwmon2 before hwmon10, temp2_input before temp10_input. */
    static String naturalKey(Path p) {
        return DIGITS.matcher(p.getFileName().toString())
                .replaceAll(r -> String.format("%06d", Long.parseLong(r.group())));
    }
}
