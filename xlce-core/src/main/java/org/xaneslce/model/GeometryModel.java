package org.xaneslce.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.xaneslce.dataset.Dataset;
import org.xaneslce.nn.Network;
import org.xaneslce.nn.Trainer;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * More than a class: the coordination number (oxygen within 1.2 x d_min, in bins 3 or fewer, 4, 5,
 * 6, 7 or more) and the mean absorber-oxygen distance of that shell, predicted from one absorber's
 * spectrum, as Torrisi et al. (npj Comput. Mater. 2020) do from K-edge XANES. Two networks of the
 * paper's architecture on the classifier's input (max-normalized spectrum on the absorber's grid,
 * standardized): a classifier over the CN bins and a one-output regressor of the distance (trained
 * on the standardized distance by mean squared error, on bonded shells only: mean distance at most
 * {@link #MAX_BONDED_ANGSTROM}; a site whose nearest oxygen atoms lie 3-5 A away has no M-O bond to
 * measure, and a few such sites would dominate the squared error). The distance comes with a split-conformal
 * interval: a fifth of the training materials (seeded shuffle) is held out of training, and the sorted
 * absolute residuals on those sites give, for coverage c, the half-width that holds the true
 * distance with probability at least c for a spectrum like the training ones.
 */
public final class GeometryModel {
    /** Lowest CN bin: 3 or fewer neighbours. */
    public static final int CN_LOW = 3;
    /** Highest CN bin: 7 or more. */
    public static final int CN_HIGH = 7;
    /** Longest mean M-O distance of a shell the distance network learns and is scored on, Angstrom. */
    public static final double MAX_BONDED_ANGSTROM = 2.6;
    /** Fraction of training materials held out for the conformal residuals. */
    public static final double CALIBRATION_FRACTION = 0.2;

    private final String element;
    private final EnergyGrid grid;
    private final ModelOptions options;
    private final Standardizer standardizer;
    private final Network cnNetwork;
    private final Network distanceNetwork;
    private final double distanceMean;
    private final double distanceStd;
    private final float[] residuals;
    private final Map<String, String> provenance;

    GeometryModel(String element, EnergyGrid grid, ModelOptions options, Standardizer standardizer, Network cnNetwork,
                  Network distanceNetwork, double distanceMean, double distanceStd, float[] residuals, Map<String, String> provenance) {
        if (cnNetwork.classes() != CN_HIGH - CN_LOW + 1 || distanceNetwork.classes() != 1) {
            throw new IllegalArgumentException("the CN network needs " + (CN_HIGH - CN_LOW + 1) + " outputs and the distance network 1");
        }
        if (residuals.length == 0 || !(distanceStd > 0)) {
            throw new IllegalArgumentException("no calibration residuals or no distance scale");
        }
        this.element = element;
        this.grid = grid;
        this.options = options;
        this.standardizer = standardizer;
        this.cnNetwork = cnNetwork;
        this.distanceNetwork = distanceNetwork;
        this.distanceMean = distanceMean;
        this.distanceStd = distanceStd;
        this.residuals = residuals.clone();
        Arrays.sort(this.residuals);
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** The CN bin of a coordination number: 0 for 3 or fewer ... 4 for 7 or more. */
    public static int bin(int cn) {
        return Math.max(CN_LOW, Math.min(CN_HIGH, cn)) - CN_LOW;
    }

    /** The name of CN bin {@code b}: "<=3", "4", "5", "6", ">=7". */
    public static String binName(int b) {
        int cn = b + CN_LOW;
        return cn == CN_LOW ? "<=" + cn : cn == CN_HIGH ? ">=" + cn : Integer.toString(cn);
    }

    /** Number of CN bins. */
    public static int bins() {
        return CN_HIGH - CN_LOW + 1;
    }

    /**
     * Trains on the entries of {@code train} with a shell geometry (CN network on all of them, the
     * distance network on those with a bonded shell, {@link #bonded}); a fifth of the materials, chosen with the
     * options' seed, is held out of both and gives the conformal residuals.
     */
    public static GeometryModel train(Dataset train, ModelOptions o, String dataHash) {
        List<Dataset.Entry> known = new ArrayList<>();
        for (Dataset.Entry e : train.entries()) {
            if (e.hasGeometry()) {
                known.add(e);
            }
        }
        if (known.size() < 10) {
            throw new IllegalArgumentException(train.element() + ": " + known.size() + " spectra with a coordination number and distance;"
                + " at least 10 needed (add them with xlce db geometry)");
        }
        List<String> materials = new ArrayList<>(new java.util.TreeSet<>(known.stream().map(Dataset.Entry::material).toList()));
        SplittableRandom pickRng = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        for (int i = materials.size() - 1; i > 0; i--) {
            java.util.Collections.swap(materials, i, pickRng.nextInt(i + 1));
        }
        java.util.Set<String> held = new java.util.HashSet<>(materials.subList(0, (int) Math.round(CALIBRATION_FRACTION * materials.size())));
        List<Dataset.Entry> fitEntries = new ArrayList<>();
        List<Dataset.Entry> calEntries = new ArrayList<>();
        for (Dataset.Entry e : known) {
            (held.contains(e.material()) ? calEntries : fitEntries).add(e);
        }
        Dataset fitSet = new Dataset(train.element(), train.grid(), train.levelOfTheory(), fitEntries, train.provenance());
        Dataset calSet = new Dataset(train.element(), train.grid(), train.levelOfTheory(), calEntries, train.provenance());

        SplittableRandom rng = new SplittableRandom(o.seed() ^ 0x9E3779B97F4A7C15L);
        float[][] rows = Classifier.augmentedRows(fitSet, o, rng);
        int perEntry = rows.length / fitSet.size();
        int d = train.grid().count();
        int n = rows.length;
        float[] x = new float[n * d];
        int[] y = new int[n];
        int withShell = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, x, i * d, d);
            Dataset.Entry e = fitSet.entries().get(i / perEntry);
            y[i] = bin(e.cn());
            if (bonded(e)) {
                withShell++;
                sum += e.meanDistanceAngstrom();
                sumSq += e.meanDistanceAngstrom() * e.meanDistanceAngstrom();
            }
        }
        if (withShell < 2) {
            throw new IllegalArgumentException(train.element() + ": too few spectra with an oxygen shell to learn its distance");
        }
        Standardizer st = Standardizer.fit(x, n, d);
        float[] xs = st.apply(x, n);
        Network cnNet = Network.of(o.kind(), d, bins(), o.dropout(), o.seed());
        Trainer.train(cnNet, xs, y, n, new Trainer.Options(o.epochs(), o.batchSize(), o.learningRate(), o.seed() + 1), null);

        double mean = sum / withShell;
        double std = Math.sqrt(Math.max(sumSq / withShell - mean * mean, 1e-12));
        float[] xr = new float[withShell * d];
        float[] t = new float[withShell];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Dataset.Entry e = fitSet.entries().get(i / perEntry);
            if (bonded(e)) {
                System.arraycopy(xs, i * d, xr, k * d, d);
                t[k++] = (float) ((e.meanDistanceAngstrom() - mean) / std);
            }
        }
        Network distNet = Network.of(o.kind(), d, 1, o.dropout(), o.seed() + 2);
        Trainer.trainRegression(distNet, xr, t, withShell, new Trainer.Options(o.epochs(), o.batchSize(), o.learningRate(), o.seed() + 3), null);

        Map<String, String> prov = new LinkedHashMap<>(org.xaneslce.Provenance.now(dataHash, o.seed(), train.levelOfTheory(),
            train.provenance().get("cards_sha256")).toMap());
        prov.put("training_spectra", Integer.toString(fitSet.size()));
        prov.put("calibration_spectra", Integer.toString(calSet.size()));
        prov.put("cn_rule", train.provenance().getOrDefault("shell_geometry", "O within 1.2 x d_min"));
        GeometryModel partial = new GeometryModel(train.element(), train.grid(), o, st, cnNet, distNet, mean, std, new float[] {0f}, prov);
        List<Float> res = new ArrayList<>();
        for (Dataset.Entry e : calSet.entries()) {
            if (bonded(e)) {
                res.add((float) Math.abs(partial.predict(e.mu()).meanDistanceAngstrom() - e.meanDistanceAngstrom()));
            }
        }
        if (res.isEmpty()) {
            throw new IllegalArgumentException(train.element() + ": no held-out spectrum with an oxygen shell for the distance interval");
        }
        float[] r = new float[res.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = res.get(i);
        }
        return new GeometryModel(train.element(), train.grid(), o, st, cnNet, distNet, mean, std, r, prov);
    }

    /** Whether the entry's shell is a bonded one the distance network learns: oxygen neighbours at a mean distance up to {@link #MAX_BONDED_ANGSTROM}. */
    public static boolean bonded(Dataset.Entry e) {
        return e.cn() > 0 && e.meanDistanceAngstrom() <= MAX_BONDED_ANGSTROM;
    }

    /**
     * One prediction.
     *
     * @param cnProbabilities probability of each CN bin ({@link #binName})
     * @param cn the most probable CN bin's coordination number (3 stands for 3 or fewer, 7 for 7 or more)
     * @param meanDistanceAngstrom predicted mean distance of the shell, Angstrom
     */
    public record Prediction(float[] cnProbabilities, int cn, double meanDistanceAngstrom) {
        public Prediction {
            cnProbabilities = cnProbabilities.clone();
        }

        @Override
        public float[] cnProbabilities() {
            return cnProbabilities.clone();
        }
    }

    /** Predicts the shell of one spectrum on {@link #grid()} (max-normalized). Thread-safe. */
    public Prediction predict(float[] mu) {
        if (mu.length != grid.count()) {
            throw new IllegalArgumentException("the geometry model reads " + grid.count() + " points on " + grid + "; got " + mu.length);
        }
        float[] x = standardizer.apply(mu, 1);
        float[] p;
        float z;
        synchronized (this) {
            p = cnNetwork.predict(x, 1);
            z = distanceNetwork.regress(x, 1)[0];
        }
        int best = 0;
        for (int b = 1; b < p.length; b++) {
            if (p[b] > p[best]) {
                best = b;
            }
        }
        return new Prediction(p, best + CN_LOW, distanceMean + distanceStd * z);
    }

    /**
     * The half-width of the split-conformal distance interval at {@code coverage} (0 to 1): the
     * ceil((n + 1) c)-th smallest held-out residual; infinite when n is too small for that coverage.
     */
    public double halfWidth(double coverage) {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must lie between 0 and 1, not " + coverage);
        }
        int n = residuals.length;
        int rank = (int) Math.ceil((n + 1) * coverage);
        return rank > n ? Double.POSITIVE_INFINITY : residuals[rank - 1];
    }

    /** The absorber. */
    public String element() {
        return element;
    }

    /** The grid the model reads. */
    public EnergyGrid grid() {
        return grid;
    }

    /** Training options. */
    public ModelOptions options() {
        return options;
    }

    /** Input standardization. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The CN-bin classifier. */
    public Network cnNetwork() {
        return cnNetwork;
    }

    /** The distance regressor (standardized output). */
    public Network distanceNetwork() {
        return distanceNetwork;
    }

    /** Mean of the training distances, Angstrom. */
    public double distanceMean() {
        return distanceMean;
    }

    /** Standard deviation of the training distances, Angstrom. */
    public double distanceStd() {
        return distanceStd;
    }

    /** Sorted absolute residuals on the held-out calibration sites, Angstrom (a copy). */
    public float[] residuals() {
        return residuals.clone();
    }

    /** Provenance. */
    public Map<String, String> provenance() {
        return provenance;
    }
}
