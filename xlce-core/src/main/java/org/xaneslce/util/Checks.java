package org.xaneslce.util;

/** Precondition helpers that return their argument and quote the bad value in the message. */
public final class Checks {
    private Checks() {
    }

    /** Returns {@code value} when it is finite, otherwise throws naming {@code what}. */
    public static double finite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, was " + value);
        }
        return value;
    }

    /** Returns {@code value} when it is finite and strictly positive. */
    public static double positive(double value, String what) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /** Returns {@code value} when it lies in [lo, hi]. */
    public static int inRange(int value, int lo, int hi, String what) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], was " + value);
        }
        return value;
    }

    /** Returns a copy of a 3-vector after checking its length and finiteness. */
    public static double[] vector3(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException(what + " must have 3 components");
        }
        for (double x : v) {
            finite(x, what);
        }
        return v.clone();
    }
}
