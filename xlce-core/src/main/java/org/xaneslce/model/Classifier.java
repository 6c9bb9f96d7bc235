package org.xaneslce.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.nn.Network;
import org.xaneslce.nn.Trainer;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * A trained T4/S5/O6 classifier for one absorber: the network, the grid it reads (the full grid,
 * or its pre-edge prefix), the training-set standardization, a novelty detector and the
 * provenance (options, seed, data hash, code version). It rejects inputs of the wrong length; the
 * caller places spectra on {@link #grid()} first.
 */
public final class Classifier {
    private final String element;
    private final EnergyGrid grid;
    private final ModelOptions options;
    private final Standardizer standardizer;
    private final Network network;
    private final NoveltyDetector novelty;
    private final Map<String, String> provenance;

    Classifier(String element, EnergyGrid grid, ModelOptions options, Standardizer standardizer, Network network,
               NoveltyDetector novelty, Map<String, String> provenance) {
        this.element = element;
        this.grid = grid;
        this.options = options;
        this.standardizer = standardizer;
        this.network = network;
        this.novelty = novelty;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** The classes this model tells apart (T4, S5, O6, and OTHER for an open-set model), in output order. */
    public CoordinationClass[] classList() {
        int k = network.classes();
        return java.util.Arrays.copyOf(CoordinationClass.values(), k);
    }

    /** The absorber. */
    public String element() {
        return element;
    }

    /** The grid the model reads (the pre-edge prefix for pre-edge models). */
    public EnergyGrid grid() {
        return grid;
    }

    /** The training options. */
    public ModelOptions options() {
        return options;
    }

    /** The standardization. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The network. */
    public Network network() {
        return network;
    }

    /** The novelty detector. */
    public NoveltyDetector novelty() {
        return novelty;
    }

    /** Provenance: data hash, code version, creation time, training counts. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /**
     * Index of the last pre-edge grid point: where the mean training spectrum first reaches half of
     * its maximum (the main edge's half height), so the pre-edge region ends just before the main
     * rise (the paper drew it just after the pre-edge peak).
     */
    public static int preEdgePoints(Dataset d) {
        int n = d.grid().count();
        double[] mean = new double[n];
        for (Dataset.Entry e : d.entries()) {
            for (int i = 0; i < n; i++) {
                mean[i] += e.value(i);
            }
        }
        double max = 0;
        for (double v : mean) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < n; i++) {
            if (mean[i] >= 0.5 * max) {
                return Math.max(i, 12);
            }
        }
        return n;
    }

    /** Rows of the training matrix: each entry, plus its augmented copies. */
    static float[][] augmentedRows(Dataset train, ModelOptions o, SplittableRandom rng) {
        List<float[]> rows = new ArrayList<>();
        for (Dataset.Entry e : train.entries()) {
            float[] mu = e.mu();
            rows.add(mu);
            if (o.augment() == ModelOptions.Augment.shift) {
                for (double s : Augmentation.SHIFTS_EV) {
                    rows.add(Augmentation.shift(mu, train.grid(), s));
                }
            } else if (o.augment() == ModelOptions.Augment.measured) {
                // the paper's shifted copies, and each of them once more broadened by a seeded choice of
                // measured resolution: the sharp spectra stay as they are (9x)
                float[][] shifted = new float[Augmentation.SHIFTS_EV.length][];
                for (int k = 0; k < shifted.length; k++) {
                    shifted[k] = Augmentation.shift(mu, train.grid(), Augmentation.SHIFTS_EV[k]);
                    rows.add(shifted[k]);
                }
                for (float[] copy : shifted) {
                    double sigma = Augmentation.MEASURED_BROADENING_EV[rng.nextInt(Augmentation.MEASURED_BROADENING_EV.length)];
                    rows.add(Augmentation.broaden(copy, train.grid(), sigma));
                }
            } else if (o.augment() == ModelOptions.Augment.noise) {
                for (int c = 0; c < 4; c++) {
                    rows.add(Augmentation.noise(mu, Augmentation.NOISE_SIGMA, rng));
                }
            }
        }
        return rows.toArray(new float[0][]);
    }

    /**
     * Trains a classifier on {@code train} (augmentation applied here, to these data only).
     * {@code preEdgeCount} is the number of grid points of a pre-edge model (ignored otherwise).
     */
    public static Classifier train(Dataset train, ModelOptions o, int preEdgeCount, String dataHash) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no " + train.element() + " spectra to train on");
        }
        SplittableRandom rng = new SplittableRandom(o.seed() ^ 0x9E3779B97F4A7C15L);
        float[][] rows = augmentedRows(train, o, rng);
        int perEntry = rows.length / train.size();
        int d = o.preEdge() ? preEdgeCount : train.grid().count();
        int n = rows.length;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, x, i * d, d);
            y[i] = train.entries().get(i / perEntry).coordinationClass().ordinal();
        }
        Standardizer st = Standardizer.fit(x, n, d);
        float[] xs = st.apply(x, n);
        int k = train.classCount();
        Network net = Network.of(o.kind(), d, k, o.dropout(), o.seed());
        float[] weights = null;
        if (o.balanced()) {
            int[] counts = new int[k];
            for (int label : y) {
                counts[label]++;
            }
            weights = new float[k];
            for (int j = 0; j < k; j++) {
                weights[j] = counts[j] == 0 ? 0f : (float) n / ((float) k * counts[j]);
            }
        }
        Trainer.train(net, xs, y, n, new Trainer.Options(o.epochs(), o.batchSize(), o.learningRate(), o.seed() + 1), weights, null);
        float[] plain = new float[train.size() * d];
        for (int i = 0; i < train.size(); i++) {
            System.arraycopy(train.entries().get(i).mu(), 0, plain, i * d, d);
        }
        EnergyGrid inputGrid = o.preEdge() ? train.grid().prefix(d) : train.grid();
        NoveltyDetector nd = NoveltyDetector.fitMeasuredAware(plain, train.size(), inputGrid);
        Map<String, String> prov = new LinkedHashMap<>(org.xaneslce.Provenance.now(dataHash, o.seed(), train.levelOfTheory(),
            train.provenance().get("cards_sha256")).toMap());
        prov.put("training_spectra", Integer.toString(train.size()));
        prov.put("training_rows_after_augmentation", Integer.toString(n));
        int[] c = train.classCounts();
        prov.put("training_classes", "T4 " + c[0] + ", S5 " + c[1] + ", O6 " + c[2] + (k == 4 ? ", OTHER " + c[3] : ""));
        return new Classifier(train.element(), inputGrid, o, st, net, nd, prov);
    }

    /**
     * Probabilities (T4, S5, O6) for each of {@code n} spectra on the model's grid (row-major, n x
     * grid length). Safe to call from several threads: the network's layers keep work buffers, so
     * one forward pass at a time runs on them (inference is fast enough that the lock costs little).
     */
    public float[] predict(float[] mu, int n) {
        int d = grid.count();
        if (mu.length != n * d) {
            throw new IllegalArgumentException("the model reads " + d + " points per spectrum on " + grid + "; got "
                + mu.length + " values for " + n + " spectra");
        }
        float[] x = standardizer.apply(mu, n);
        synchronized (network) {
            return network.predict(x, n);
        }
    }

    /**
     * This classifier with the measured-aware novelty detector fitted on {@code train}'s spectra
     * (the network, standardization and provenance unchanged but for a note).
     */
    public Classifier withMeasuredAwareNovelty(Dataset train) {
        int d = grid.count();
        float[] plain = new float[train.size() * d];
        for (int i = 0; i < train.size(); i++) {
            System.arraycopy(train.entries().get(i).mu(), 0, plain, i * d, d);
        }
        Map<String, String> prov = new LinkedHashMap<>(provenance);
        prov.put("novelty", "measured-aware: spectrum space, " + NoveltyDetector.MEASURED_AWARE_COMPONENTS + " components, broadening "
            + java.util.Arrays.toString(NoveltyDetector.MEASURED_AWARE_BROADENING_EV) + " eV, fitted on " + train.size() + " spectra");
        return new Classifier(element, grid, options, standardizer, network, NoveltyDetector.fitMeasuredAware(plain, train.size(), grid), prov);
    }

    /** Probabilities and the novelty verdict of one spectrum on the model's grid. */
    public Prediction predictOne(float[] mu) {
        float[] p = predict(mu, 1);
        NoveltyDetector.Verdict v = novelty.score(novelty.space() == NoveltyDetector.Space.spectrum ? mu : standardizer.apply(mu, 1));
        return new Prediction(p, v, v.ratio(novelty));
    }

    /**
     * One prediction.
     *
     * @param probabilities T4, S5, O6 (and OTHER for an open-set model)
     * @param novelty the novelty scores
     * @param noveltyRatio score / threshold (above 1: unlike the training data)
     */
    public record Prediction(float[] probabilities, NoveltyDetector.Verdict novelty, double noveltyRatio) {
        public Prediction {
            probabilities = probabilities.clone();
        }

        @Override
        public float[] probabilities() {
            return probabilities.clone();
        }

        /** The most probable class. */
        public CoordinationClass best() {
            int b = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[b]) {
                    b = i;
                }
            }
            return CoordinationClass.values()[b];
        }
    }
}
