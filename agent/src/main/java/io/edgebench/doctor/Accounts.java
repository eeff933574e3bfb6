package io.edgebench.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may open a device node: the user's groups from {@code etc/passwd} and {@code etc/group} (injectable, like
 * every root doctor reads) against the node's owner, group and mode.
 */
final class Accounts {
    private final String user;
    private final Set<String> groups;

    private Accounts(String user, Set<String> groups) {
        this.user = user;
        this.groups = groups;
    }

    static Accounts of(Path etc, String user) {
        Set<String> groups = new HashSet<>();
        String primaryGid = null;
        for (String[] f : entries(etc.resolve("passwd"))) {
            if (f.length > 3 && f[0].equals(user)) {
                primaryGid = f[3];
            }
        }
        for (String[] f : entries(etc.resolve("group"))) {
            if (f.length < 3) {
                continue;
            }
            boolean member = f[2].equals(primaryGid)
                    || f.length > 3 && List.of(f[3].split(",")).contains(user);
            if (member) {
                groups.add(f[0]);
            }
        }
        return new Accounts(user, groups);
    }

    boolean exists(Path etc) {
        return entries(etc.resolve("passwd")).stream().anyMatch(f -> f[0].equals(user));
    }

    String user() {
        return user;
    }

    boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** Null when {@code user} may read and write {@code node}, else why not and what to do. */
    String cannotUse(Path node) {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(node, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot read the permissions of " + node + ": " + e.getMessage();
        }
        Set<PosixFilePermission> p = a.permissions();
        String owner = a.owner().getName();
        String group = a.group().getName();
        boolean rw = user.equals("root")
                || owner.equals(user)
                        && p.contains(PosixFilePermission.OWNER_READ)
                        && p.contains(PosixFilePermission.OWNER_WRITE)
                || groups.contains(group)
                        && p.contains(PosixFilePermission.GROUP_READ)
                        && p.contains(PosixFilePermission.GROUP_WRITE)
                || p.contains(PosixFilePermission.OTHERS_READ) && p.contains(PosixFilePermission.OTHERS_WRITE);
        if (rw) {
            return null;
        }
        String mode = java.nio.file.attribute.PosixFilePermissions.toString(p);
        if (group.equals("root") || !p.contains(PosixFilePermission.GROUP_WRITE)) {
            return node + " is " + mode + " " + owner + ":" + group + ", not usable by user [" + user + "]; a udev rule"
                    + " must give it a group (e.g. plugdev, i2c) with rw";
        }
        return node + " is " + mode + " " + owner + ":" + group + " and user [" + user + "] is not in group [" + group
                + "]: sudo adduser " + user + " " + group + " (then restart the agent)";
    }

    private static List<String[]> entries(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
