package org.xaneslce.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.dataset.DatasetFiles;
import org.xaneslce.evaluation.Splits;

/**
 * The measured-aware novelty detector on constructed in- and out-of-distribution sets from the
 * bundled Cu dataset: held-out computed spectra and broadened copies of them are in; other metals'
 * spectra on the same number of points, flat lines and noise are out.
 */
class NoveltyDetectorTest {
    static Dataset cu;
    static Dataset ti;
    static int[] fitIdx;
    static int[] testIdx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        cu = DatasetFiles.read(Path.of("../data/dataset/Cu.csv.gz"));
        ti = DatasetFiles.read(Path.of("../data/dataset/Ti.csv.gz"));
        String[] groups = cu.entries().stream().map(Dataset.Entry::material).toArray(String[]::new);
        testIdx = Splits.byGroup(groups, 5, 11)[0];
        fitIdx = Splits.complement(testIdx, cu.size());
    }

    private static float[] rows(Dataset d, int[] idx) {
        int g = d.grid().count();
        float[] x = new float[idx.length * g];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(d.entries().get(idx[i]).mu(), 0, x, i * g, g);
        }
        return x;
    }

    private static double flagRate(NoveltyDetector nd, float[][] inputs) {
        int n = 0;
        for (float[] x : inputs) {
            n += nd.score(x).novel() ? 1 : 0;
        }
        return n / (double) inputs.length;
    }

    @Test
    void heldOutAndBroadenedComputedSpectra_areIn_foreignOnesAreOut() {
        NoveltyDetector nd = NoveltyDetector.fitMeasuredAware(rows(cu, fitIdx), fitIdx.length, cu.grid());
        assertEquals(NoveltyDetector.Space.spectrum, nd.space());
        assertEquals(NoveltyDetector.MEASURED_AWARE_COMPONENTS, nd.components().length);
        float[][] heldOut = new float[testIdx.length][];
        float[][] broadened = new float[testIdx.length][];
        for (int i = 0; i < testIdx.length; i++) {
            heldOut[i] = cu.entries().get(testIdx[i]).mu();
            broadened[i] = Augmentation.broaden(heldOut[i], cu.grid(), 1.2);
        }
        double in = flagRate(nd, heldOut);
        double inBroad = flagRate(nd, broadened);
        assertTrue(in < 0.05, "held-out computed spectra flagged " + in);
        assertTrue(inBroad < 0.05, "broadened held-out spectra flagged " + inBroad);

        float[][] foreign = new float[ti.size()][];
        for (int i = 0; i < ti.size(); i++) {
            foreign[i] = ti.entries().get(i).mu();
        }
        double out = flagRate(nd, foreign);
        assertTrue(out > 0.9, "Ti spectra read as Cu ones flagged " + out);
        float[] flat = new float[cu.grid().count()];
        Arrays.fill(flat, 1f);
        assertTrue(nd.score(flat).novel());
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        float[] noise = new float[flat.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextDouble();
        }
        assertTrue(nd.score(noise).novel());
    }

    @Test
    void theStandardizedDetector_flagsBroadenedSpectra_theMeasuredAwareOneDoesNot() {
        float[] fit = rows(cu, fitIdx);
        int g = cu.grid().count();
        Standardizer st = Standardizer.fit(fit, fitIdx.length, g);
        NoveltyDetector old = NoveltyDetector.fit(st.apply(fit, fitIdx.length), fitIdx.length, g, 10);
        NoveltyDetector now = NoveltyDetector.fitMeasuredAware(fit, fitIdx.length, cu.grid());
        float[][] oldIn = new float[testIdx.length][];
        float[][] nowIn = new float[testIdx.length][];
        for (int i = 0; i < testIdx.length; i++) {
            float[] b = Augmentation.broaden(cu.entries().get(testIdx[i]).mu(), cu.grid(), 2.0);
            oldIn[i] = st.apply(b, 1);
            nowIn[i] = b;
        }
        double o = flagRate(old, oldIn);
        double n = flagRate(now, nowIn);
        assertTrue(o > 2 * n + 0.05, "2 eV extra broadening: standardized detector flags " + o + ", measured-aware " + n);
    }

    @Test
    void broadening_keepsAreaShapeAndMaximum() {
        float[] mu = cu.entries().get(0).mu();
        float[] b = Augmentation.broaden(mu, cu.grid(), 1.0);
        float max = 0;
        int argB = 0;
        int argMu = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] > max) {
                max = b[i];
                argB = i;
            }
            if (mu[i] > mu[argMu]) {
                argMu = i;
            }
        }
        assertEquals(1f, max, 1e-6f);
        assertTrue(Math.abs(argB - argMu) <= 6, "the white line stays within 3 eV: " + argMu + " -> " + argB);
        assertTrue(Arrays.equals(mu, Augmentation.broaden(mu, cu.grid(), 0)), "no broadening, no change");
        float[] delta = new float[mu.length];
        delta[50] = 1f;
        float[] spread = Augmentation.broaden(delta, cu.grid(), 1.0);
        // A unit spike becomes a Gaussian of sigma 1 eV = 2 grid steps: its half maximum lies 1.18 eV (2.35 steps) out.
        assertTrue(spread[52] > 0.5f && spread[53] < 0.5f, spread[52] + " " + spread[53]);
    }

    @Test
    void modelFiles_keepTheSpace_andOldFilesReadAsStandardized() throws Exception {
        Classifier c = Classifier.train(cu.subset(fitIdx), new ModelOptions(org.xaneslce.nn.Network.Kind.mlp, false, ModelOptions.Augment.none,
            1, 32, 1e-3, 0.3, 1, false), 0, "t");
        assertEquals(NoveltyDetector.Space.spectrum, c.novelty().space());
        Path f = tmp.resolve("Cu-mlp.json");
        ModelFiles.write(c, f);
        assertEquals(NoveltyDetector.Space.spectrum, ModelFiles.read(f).novelty().space());
        Files.writeString(f, Files.readString(f).replace("\"space\" : \"spectrum\",", "").replace(",\n    \"space\" : \"spectrum\"", ""));
        assertTrue(!Files.readString(f).contains("\"space\""), "the space field removed");
        assertEquals(NoveltyDetector.Space.standardized, ModelFiles.read(f).novelty().space());
    }
}
