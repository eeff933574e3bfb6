package io.edgebench.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Picks the profile of this machine from its device tree (boards), DMI (x86), USB devices and os.arch. */
public final class ProfileDetector {

    /** The chosen profile and the evidence, e.g. "device tree compatible raspberrypi,4-model-b". */
    public record Detection(DeviceProfile profile, String evidence) {}

    /** What the machine says about itself; null fields: absent. */
    public record Facts(
            String model, List<String> compatible, boolean dmi, String dmiProduct, List<String> usb, String arch) {}

    private ProfileDetector() {}

    /**
     * The profile to use: {@code name} when given (from --profile), else detected from the machine under
     * {@code roots}. {@code overrideDir} (may be null) adds or replaces profiles.
     */
    public static Detection resolve(String name, java.nio.file.Path overrideDir, SystemRoots roots) {
        ProfileLoader loader = new ProfileLoader(overrideDir);
        if (name != null) {
            return new Detection(loader.named(name), "chosen with --profile");
        }
        return detect(loader.all(), facts(roots, System.getProperty("os.arch")));
    }

    public static Facts facts(SystemRoots roots, String osArch) {
        Path dt = roots.proc().resolve("device-tree");
        if (!Files.isDirectory(dt)) {
            dt = roots.sys().resolve("firmware/devicetree/base");
        }
        String model =
                read(dt.resolve("model")).map(s -> s.replace("\0", "").trim()).orElse(null);
        List<String> compatible = read(dt.resolve("compatible"))
                .map(s -> Arrays.stream(s.split("\0"))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .toList())
                .orElse(List.of());
        Path dmi = roots.sys().resolve("class/dmi/id");
        Optional<String> product = read(dmi.resolve("product_name"));
        boolean hasDmi = product.isPresent() || read(dmi.resolve("sys_vendor")).isPresent();
        return new Facts(model, compatible, hasDmi, product.map(String::trim).orElse(null), usbIds(roots), osArch);
    }

    public static Detection detect(List<DeviceProfile> profiles, Facts f) {
        boolean hasDt = f.model() != null || !f.compatible().isEmpty();
        DeviceProfile best = null;
        String bestEvidence = null;
        int bestScore = 0;
        for (DeviceProfile p : profiles) {
            DeviceProfile.Match m = p.match();
            String evidence = null;
            int score = 0;
            Optional<String> compat =
                    m.compatible().stream().filter(f.compatible()::contains).findFirst();
            Optional<String> model = m.model().stream()
                    .filter(s -> f.model() != null && f.model().contains(s))
                    .findFirst();
            if (compat.isPresent()) {
                score = 40;
                evidence = "device tree compatible " + compat.get();
            } else if (model.isPresent()) {
                score = 30;
                evidence = "device tree model \"" + f.model() + "\"";
            } else if (m.dmi() && f.dmi()) {
                score = 20;
                evidence = "DMI product " + (f.dmiProduct() == null ? "(unnamed)" : "\"" + f.dmiProduct() + "\"");
            } else if (!hasDt && f.arch() != null && m.arch().contains(f.arch())) {
                score = 10;
                evidence = "no device tree, os.arch " + f.arch();
            }
            if (score > 0 && !m.usb().isEmpty()) {
                Optional<String> usb =
                        m.usb().stream().filter(f.usb()::contains).findFirst();
                if (usb.isEmpty()) {
                    continue;
                }
                score += 5;
                evidence += " + USB device " + usb.get();
            }
            if (score > bestScore) {
                best = p;
                bestScore = score;
                bestEvidence = evidence;
            }
        }
        if (best != null) {
            return new Detection(best, bestEvidence);
        }
        DeviceProfile fallback = profiles.stream()
                .filter(p -> p.match().fallback())
                .findFirst()
                .orElseThrow(() -> new ConfigException("No profile matches this machine and none is marked"
                        + " match.fallback: true; pass --profile."));
        return new Detection(
                fallback, "nothing more specific matched (model " + f.model() + ", arch " + f.arch() + ")");
    }

    private static List<String> usbIds(SystemRoots roots) {
        Path dir = roots.sys().resolve("bus/usb/devices");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path d : s.sorted().toList()) {
                Optional<String> v = read(d.resolve("idVendor"));
                Optional<String> p = read(d.resolve("idProduct"));
                if (v.isPresent() && p.isPresent()) {
                    ids.add(v.get().trim().toLowerCase() + ":" + p.get().trim().toLowerCase());
                }
            }
        } catch (IOException e) {
            return ids;
        }
        return ids;
    }

    private static Optional<String> read(Path p) {
        try {
            return Files.isReadable(p)
                    ? Optional.of(Files.readString(p, StandardCharsets.ISO_8859_1))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
