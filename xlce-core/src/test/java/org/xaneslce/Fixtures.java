package org.xaneslce;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Test fixtures: resources shipped with the tests, and the shared data folder when present. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A test resource under /fixtures as a path. */
    public static Path resource(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource /fixtures/" + name);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shared data folder (../shared/data beside the checkout, or -Dxlce.shared.data), if it
     * exists. Tests over the full shared data use it with an assumption; CI has it.
     */
    public static Optional<Path> sharedData() {
        String prop = System.getProperty("xlce.shared.data");
        for (String candidate : new String[] {prop, "../shared/data", "../../shared/data"}) {
            if (candidate != null && Files.isDirectory(Paths.get(candidate))) {
                return Optional.of(Paths.get(candidate).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
