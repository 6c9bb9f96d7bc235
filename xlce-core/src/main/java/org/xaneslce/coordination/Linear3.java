package org.xaneslce.coordination;

/** 3 x 3 linear algebra on row-major double[9] arrays, as the CSM engine needs it. */
final class Linear3 {
    private static final int MAX_SWEEPS = 40;

    private Linear3() {
    }

    /**
     * The nuclear norm (sum of singular values) of the 3 x 3 matrix {@code h}, by one-sided
     * (Hestenes) Jacobi: column pairs are rotated until mutually orthogonal, and the column norms
     * are then the singular values. Unlike eigenvalues of h^T h, this keeps an absolute error of
     * about machine epsilon times |h| for every singular value, also for the rank-deficient
     * matrices that planar and linear polyhedra give. {@code h} is not modified.
     */
    static double nuclearNorm(double[] h) {
        double a0 = h[0];
        double a1 = h[1];
        double a2 = h[2];
        double b0 = h[3];
        double b1 = h[4];
        double b2 = h[5];
        double c0 = h[6];
        double c1 = h[7];
        double c2 = h[8];
        // Columns: x = (a0, b0, c0), y = (a1, b1, c1), z = (a2, b2, c2).
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int pair = 0; pair < 3; pair++) {
                double p0;
                double p1;
                double p2;
                double q0;
                double q1;
                double q2;
                if (pair == 0) {
                    p0 = a0; p1 = b0; p2 = c0; q0 = a1; q1 = b1; q2 = c1;
                } else if (pair == 1) {
                    p0 = a0; p1 = b0; p2 = c0; q0 = a2; q1 = b2; q2 = c2;
                } else {
                    p0 = a1; p1 = b1; p2 = c1; q0 = a2; q1 = b2; q2 = c2;
                }
                double alpha = p0 * p0 + p1 * p1 + p2 * p2;
                double beta = q0 * q0 + q1 * q1 + q2 * q2;
                double gamma = p0 * q0 + p1 * q1 + p2 * q2;
                if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma == 0) {
                    continue;
                }
                rotated = true;
                double zeta = (beta - alpha) / (2 * gamma);
                double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                if (zeta == 0) {
                    t = 1;
                }
                double c = 1 / Math.sqrt(1 + t * t);
                double s = c * t;
                double np0 = c * p0 - s * q0;
                double np1 = c * p1 - s * q1;
                double np2 = c * p2 - s * q2;
                double nq0 = s * p0 + c * q0;
                double nq1 = s * p1 + c * q1;
                double nq2 = s * p2 + c * q2;
                if (pair == 0) {
                    a0 = np0; b0 = np1; c0 = np2; a1 = nq0; b1 = nq1; c1 = nq2;
                } else if (pair == 1) {
                    a0 = np0; b0 = np1; c0 = np2; a2 = nq0; b2 = nq1; c2 = nq2;
                } else {
                    a1 = np0; b1 = np1; c1 = np2; a2 = nq0; b2 = nq1; c2 = nq2;
                }
            }
            if (!rotated) {
                break;
            }
        }
        return Math.sqrt(a0 * a0 + b0 * b0 + c0 * c0) + Math.sqrt(a1 * a1 + b1 * b1 + c1 * c1)
            + Math.sqrt(a2 * a2 + b2 * b2 + c2 * c2);
    }
}
