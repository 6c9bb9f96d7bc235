package org.xaneslce;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The code version and git commit of this build, from build metadata (Maven's project version
 * and the git commit at build time, written into {@code org/xaneslce/version.properties}); written
 * into databases, datasets, models and reports.
 */
public final class Version {
    private static final Properties BUILD = load();

    /** The version string ("0.1.0-SNAPSHOT"), or "dev" when the build wrote none. */
    public static final String CODE = value("version", "dev");

    /** The abbreviated git commit of the build ("94f535f", with "-dirty" for uncommitted changes), or "unknown". */
    public static final String COMMIT = value("git.commit", "unknown") + ("true".equals(BUILD.getProperty("git.dirty")) ? "-dirty" : "");

    private Version() {
    }

    /** "0.1.0-SNAPSHOT (94f535f)". */
    public static String describe() {
        return CODE + " (" + COMMIT + ")";
    }

    private static String value(String key, String fallback) {
        String v = BUILD.getProperty(key);
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/org/xaneslce/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // No build metadata: the fallbacks apply.
        }
        return p;
    }
}
