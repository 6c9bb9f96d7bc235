package org.xaneslce.api;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the shipped files are: the models and base datasets of the installation that runs, found
 * beside its jar (not in the current directory), so that {@code cd /tmp && /path/to/xlce predict}
 * works. An explicit folder, then the environment ({@value #MODELS_ENV}, {@value #HOME_ENV}), then
 * the folders above the jar are tried.
 */
public final class Installation {
    /** Environment variable naming a models folder. */
    public static final String MODELS_ENV = "XLCE_MODELS";
    /** Environment variable naming the installation (the folder holding models/ and data/). */
    public static final String HOME_ENV = "XLCE_HOME";

    private static final java.util.List<Class<?>> ANCHORS = new java.util.concurrent.CopyOnWriteArrayList<>(java.util.List.of(Installation.class));

    private Installation() {
    }

    /**
     * Adds a class whose jar (or classes folder) lies inside the installation: a front end calls
     * this with its own main class, so that the installation is found from its location too.
     */
    public static void anchor(Class<?> c) {
        if (!ANCHORS.contains(c)) {
            ANCHORS.add(0, c);
        }
    }

    /** The models folder: {@code explicit}, else $XLCE_MODELS, else models/ of $XLCE_HOME or of the folders above the jar. */
    public static Path models(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String env = System.getenv(MODELS_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return home().map(h -> h.resolve("models")).orElse(Path.of("models"));
    }

    /** The base datasets folder (data/dataset of the installation). */
    public static Path datasets(Optional<Path> explicit) {
        return explicit.orElseGet(() -> home().map(h -> h.resolve("data").resolve("dataset")).orElse(Path.of("data", "dataset")));
    }

    /** The installation folder: $XLCE_HOME, else the nearest folder above the running jar that holds models/. */
    public static Optional<Path> home() {
        String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        for (Class<?> anchor : ANCHORS) {
            java.security.CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                continue;
            }
            try {
                Path p = Path.of(source.getLocation().toURI()).toAbsolutePath();
                for (int up = 0; up < 5 && p != null; up++, p = p.getParent()) {
                    if (Files.isDirectory(p.resolve("models"))) {
                        return Optional.of(p);
                    }
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
                // No code source (an unusual class loader): try the next anchor, then the current directory.
            }
        }
        return Optional.empty();
    }
}
