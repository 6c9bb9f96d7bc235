package org.xaneslce;

/** The code version written into databases, datasets, models and reports. */
public final class Version {
    /** The version string. */
    public static final String CODE = "0.1.0";

    private Version() {
    }
}
