package org.xaneslce.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** The nuclear norm of 3 x 3 matrices against Hipparchus's SVD, including the rank-deficient ones planar polyhedra give. */
class Linear3Test {
    @Test
    void nuclearNorm_equalsTheSumOfHipparchusSingularValues() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 2000; t++) {
            double[] h = new double[9];
            for (int i = 0; i < 9; i++) {
                h[i] = r.nextGaussian();
            }
            if (t % 3 == 1) {
                // rank 2: the third row a combination of the first two
                for (int j = 0; j < 3; j++) {
                    h[6 + j] = 0.3 * h[j] - 1.7 * h[3 + j];
                }
            } else if (t % 3 == 2) {
                // rank 1
                for (int j = 0; j < 3; j++) {
                    h[3 + j] = 2 * h[j];
                    h[6 + j] = -h[j];
                }
            }
            double[][] m = {{h[0], h[1], h[2]}, {h[3], h[4], h[5]}, {h[6], h[7], h[8]}};
            double sum = 0;
            for (double s : new SingularValueDecomposition(MatrixUtils.createRealMatrix(m)).getSingularValues()) {
                sum += s;
            }
            assertEquals(sum, Linear3.nuclearNorm(h), 1e-12 * Math.max(1, sum), "matrix " + t);
        }
    }
}
