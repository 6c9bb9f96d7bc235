package org.xaneslce.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper's duplicate rule: mean absolute difference below 0.015, greedy in input order. */
class DeduplicationTest {
    private static float[] shifted(float[] base, float by) {
        float[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += by;
        }
        return out;
    }

    @Test
    void duplicatesBelowTheThreshold_areDropped_againstTheFirstKept() {
        float[] a = new float[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i / 10.0);
        }
        List<float[]> s = new ArrayList<>(List.of(a, shifted(a, 0.010f), shifted(a, 0.020f), a.clone(), shifted(a, 0.030f), shifted(a, 0.016f)));
        List<Deduplication.Duplicate> d = Deduplication.find(s, Deduplication.THRESHOLD);
        // 1 (0.010 from 0) and 3 (identical to 0) go; 2 (0.020) stays; 4 is 0.010 from 2 and goes; 5 is 0.004 from 2 and goes.
        assertEquals(List.of(1, 3, 4, 5), d.stream().map(Deduplication.Duplicate::dropped).toList());
        assertEquals(List.of(0, 0, 2, 2), d.stream().map(Deduplication.Duplicate::keptAs).toList());
        assertEquals(0.010, d.get(0).meanAbsDiff(), 1e-6);
        assertEquals(0.0, d.get(1).meanAbsDiff(), 0.0);
        assertEquals(List.of(), Deduplication.find(List.of(a, shifted(a, 0.0152f)), Deduplication.THRESHOLD), "just above the threshold: kept");
    }
}
