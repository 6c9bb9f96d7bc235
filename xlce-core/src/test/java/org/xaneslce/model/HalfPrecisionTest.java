package org.xaneslce.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The half-precision encoding of ensemble members' weights (IEEE 754 binary16, round to nearest even). */
class HalfPrecisionTest {
    @Test
    void everyHalf_roundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            short s = (short) h;
            float f = ModelFiles.fromHalf(s);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(ModelFiles.fromHalf(ModelFiles.toHalf(f))));
                continue;
            }
            assertEquals(s, ModelFiles.toHalf(f), "half 0x" + Integer.toHexString(h) + " = " + f);
        }
    }

    @Test
    void knownValues() {
        assertEquals(1.0f, ModelFiles.fromHalf((short) 0x3c00));
        assertEquals(-2.0f, ModelFiles.fromHalf((short) 0xc000));
        assertEquals(65504f, ModelFiles.fromHalf((short) 0x7bff));
        assertEquals(0x1p-24f, ModelFiles.fromHalf((short) 0x0001));
        assertEquals((short) 0x7c00, ModelFiles.toHalf(1e6f), "overflow is infinity");
        assertEquals((short) 0x3555, ModelFiles.toHalf(1f / 3), "1/3 rounds to 0x3555");
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1.0).
        assertEquals((short) 0x3c00, ModelFiles.toHalf(1f + 0x1p-11f));
        assertEquals((short) 0x3c02, ModelFiles.toHalf(1f + 3 * 0x1p-11f));
    }

    @Test
    void randomFloats_goToTheNearestHalf() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 5)));
            short h = ModelFiles.toHalf(f);
            float back = ModelFiles.fromHalf(h);
            float up = ModelFiles.fromHalf((short) (h + 1));
            float down = ModelFiles.fromHalf((short) (h - 1));
            double err = Math.abs(back - f);
            if (Float.isFinite(up)) {
                assertTrue(err <= Math.abs(up - f), f + " -> " + back + " but " + up + " is nearer");
            }
            if (Float.isFinite(down) && (h & 0x7fff) != 0) {
                assertTrue(err <= Math.abs(down - f), f + " -> " + back + " but " + down + " is nearer");
            }
            if (Math.abs(f) >= 0x1p-14f && Math.abs(f) < 65504f) {
                assertTrue(err <= Math.abs(f) * 0x1p-11f, f + " -> " + back);
            }
        }
    }
}
