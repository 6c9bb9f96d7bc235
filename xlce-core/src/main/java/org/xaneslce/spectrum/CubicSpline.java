package org.xaneslce.spectrum;

/** A natural cubic spline through strictly increasing knots. Immutable. */
public final class CubicSpline {
    private final double[] x;
    private final double[] y;
    private final double[] m;

    /** Builds the spline; inputs are copied. */
    public CubicSpline(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("a spline needs >= 2 knots and as many values");
        }
        this.x = x.clone();
        this.y = y.clone();
        this.m = new double[n];
        if (n > 2) {
            double[] c = new double[n];
            double[] d = new double[n];
            for (int i = 1; i < n - 1; i++) {
                double h0 = x[i] - x[i - 1];
                double h1 = x[i + 1] - x[i];
                double a = h0 / 6;
                double b = (h0 + h1) / 3;
                double cc = h1 / 6;
                double rhs = (y[i + 1] - y[i]) / h1 - (y[i] - y[i - 1]) / h0;
                double denom = b - a * c[i - 1];
                c[i] = cc / denom;
                d[i] = (rhs - a * d[i - 1]) / denom;
            }
            for (int i = n - 2; i >= 1; i--) {
                m[i] = d[i] - c[i] * m[i + 1];
            }
        }
    }

    /** The spline's value at {@code t}; outside the knots it extends the end cubic pieces. */
    public double value(double t) {
        int n = x.length;
        int lo = 0;
        int hi = n - 1;
        if (t <= x[0]) {
            hi = 1;
        } else if (t >= x[n - 1]) {
            lo = n - 2;
        } else {
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (x[mid] > t) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
        if (hi != lo + 1) {
            hi = lo + 1;
        }
        double h = x[hi] - x[lo];
        double a = (x[hi] - t) / h;
        double b = (t - x[lo]) / h;
        return a * y[lo] + b * y[hi] + ((a * a * a - a) * m[lo] + (b * b * b - b) * m[hi]) * h * h / 6;
    }
}
