package org.xaneslce.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xaneslce.io.InputException;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.EnergyScale;
import org.xaneslce.spectrum.Edges;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Normalization;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;

/**
 * Classifies spectra with trained models, one per absorber: finds the absorber (from the file,
 * else from the edge energy), places the spectrum on the model's grid (computed spectra:
 * resampled; measured spectra: normalized as Larch does, then placed on FEFF's energy scale by the
 * absorber's calibrated offset where one is known and the scan looks calibrated, else aligned to the
 * model's mean training spectrum by maximum Pearson correlation: {@link Placement})
 * and returns T4/S5/O6 probabilities with a novelty verdict. A spectrum that cannot be placed is
 * refused with the reason.
 */
public final class Predictor {
    /** K-edge energies (eV) of the 3d metals, for telling the absorber of a measured spectrum. */
    public static final Map<String, Double> K_EDGE_EV = Map.of("Sc", 4492.0, "Ti", 4966.0, "V", 5465.0, "Cr", 5989.0,
        "Mn", 6539.0, "Fe", 7112.0, "Co", 7709.0, "Ni", 8333.0, "Cu", 8979.0, "Zn", 9659.0);
    /** Alignment search range, eV. */
    public static final double ALIGN_SEARCH_EV = 40.0;

    /** The coverage of the conformal sets unless a caller asks for another. */
    public static final double DEFAULT_COVERAGE = 0.9;

    private final Map<String, Classifier> models;
    private final Map<String, org.xaneslce.trust.TrustModel> trust;
    private final Map<String, org.xaneslce.model.GeometryModel> geometry;
    private final Map<String, org.xaneslce.model.Ensemble> ensembles;
    /** The first inflection of each model's mean spectrum (the AUTO placement's gate), computed once. */
    private final Map<String, Double> modelEdges = new java.util.concurrent.ConcurrentHashMap<>();

    /** A predictor over models by absorber, without calibration. */
    public Predictor(Map<String, Classifier> models) {
        this(models, Map.of());
    }

    /** A predictor over models by absorber, with the calibrations ({@code <El>-<kind>.trust.json}) of some of them. */
    public Predictor(Map<String, Classifier> models, Map<String, org.xaneslce.trust.TrustModel> trust) {
        this(models, trust, Map.of());
    }

    /**
     * A predictor over models by absorber, with calibrations and coordination number and distance
     * models ({@code <El>-geometry.json}) of some of them.
     */
    public Predictor(Map<String, Classifier> models, Map<String, org.xaneslce.trust.TrustModel> trust,
                     Map<String, org.xaneslce.model.GeometryModel> geometry) {
        this(models, trust, geometry, Map.of());
    }

    /** As above, with ensembles (member 0 being the absorber's model) of some absorbers. */
    public Predictor(Map<String, Classifier> models, Map<String, org.xaneslce.trust.TrustModel> trust,
                     Map<String, org.xaneslce.model.GeometryModel> geometry, Map<String, org.xaneslce.model.Ensemble> ensembles) {
        this.models = new TreeMap<>(models);
        this.trust = new TreeMap<>(trust);
        this.geometry = new TreeMap<>(geometry);
        this.ensembles = new TreeMap<>(ensembles);
        this.trust.forEach((el, t) -> {
            if (t.members() > 1 && (!this.ensembles.containsKey(el) || this.ensembles.get(el).members().size() < t.members())) {
                throw new IllegalArgumentException("the " + el + " calibration is for the mean of " + t.members() + " ensemble members; no such ensemble");
            }
        });
    }

    /**
     * Loads every full-grid model file named {@code <El>-<kind>.json} of one kind from a folder, with
     * its calibration and the absorber's coordination number and distance model
     * ({@code <El>-geometry.json}) when present.
     */
    public static Predictor load(Path dir, String kind) throws InputException {
        Map<String, Classifier> m = new TreeMap<>();
        Map<String, org.xaneslce.trust.TrustModel> t = new TreeMap<>();
        Map<String, org.xaneslce.model.GeometryModel> geo = new TreeMap<>();
        Map<String, org.xaneslce.model.Ensemble> ens = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith("-" + kind + ".json")) {
                    Classifier c = ModelFiles.read(p);
                    m.put(c.element(), c);
                    org.xaneslce.trust.TrustModel.readFor(p, c).ifPresent(x -> t.put(c.element(), x));
                    ModelFiles.readEnsemble(p, c).ifPresent(x -> ens.put(c.element(), x));
                } else if (n.endsWith("-geometry.json")) {
                    org.xaneslce.model.GeometryModel g = ModelFiles.readGeometry(p);
                    geo.put(g.element(), g);
                }
            }
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list models: " + e.getMessage());
        }
        if (m.isEmpty()) {
            throw new InputException(dir.toString(), 0, "no <El>-" + kind + ".json model files here");
        }
        for (Map.Entry<String, org.xaneslce.trust.TrustModel> e : t.entrySet()) {
            int need = e.getValue().members();
            int have = ens.containsKey(e.getKey()) ? ens.get(e.getKey()).members().size() : 0;
            if (need > 1 && need > have) {
                throw new InputException(org.xaneslce.trust.TrustModel.fileFor(dir.resolve(e.getKey() + "-" + kind + ".json")).toString(), 0,
                    "calibrated for the mean of " + need + " ensemble members, but the model has " + (have == 0 ? "no ensemble" : "an ensemble of "
                    + have) + "; rerun xlce calibrate or restore " + e.getKey() + "-" + kind + ".ensemble.json");
            }
        }
        geo.keySet().retainAll(m.keySet());
        for (Map.Entry<String, org.xaneslce.model.GeometryModel> e : geo.entrySet()) {
            if (!e.getValue().grid().sameAs(m.get(e.getKey()).grid())) {
                throw new InputException(dir.resolve(e.getKey() + "-geometry.json").toString(), 0, "its grid " + e.getValue().grid()
                    + " is not the " + e.getKey() + " classifier's " + m.get(e.getKey()).grid());
            }
        }
        return new Predictor(m, t, geo, ens);
    }

    /** The absorbers with a model. */
    public List<String> elements() {
        return new ArrayList<>(models.keySet());
    }

    /**
     * A prediction and how the spectrum was prepared.
     *
     * @param spectrumId the spectrum's id
     * @param element the absorber
     * @param absorberSource "file" or "edge energy"
     * @param prediction probabilities and novelty
     * @param shiftEv energy shift added to a measured spectrum's energies to align it with the model (0 for computed)
     * @param pearson correlation with the model's mean training spectrum after alignment (NaN for computed)
     * @param notes preparation details
     * @param caution why these probabilities deserve less trust than the model's F1 suggests, or
     *     empty: a measured spectrum classified by a model trained on spectra other than FEFF 9
     * @param geometry coordination number and mean distance, or null when the absorber has no geometry model
     * @param distanceHalfWidth half-width of the conformal distance interval at {@code coverage}, Angstrom (NaN without geometry)
     * @param ensemble mean and spread of the ensemble's probabilities, or null when the absorber has no ensemble
     * @param members the ensemble's size (1 without one)
     * @param placement how the spectrum was put on the grid: "computed" (resampled), "calibrated" (by the
     *     absorber's fixed offset) or "aligned" (by correlation with the model's mean)
     */
    public record Result(String spectrumId, String element, String absorberSource, Classifier.Prediction prediction, double shiftEv,
                         double pearson, String notes, String caution, List<String> warnings, String modelId, double[] gridEnergies,
                         float[] onGrid, double[] calibrated, boolean[] set, double coverage,
                         org.xaneslce.model.GeometryModel.Prediction geometry, double distanceHalfWidth,
                         org.xaneslce.model.Ensemble.Prediction ensemble, int members, String placement) {
        public Result {
            warnings = List.copyOf(warnings);
            gridEnergies = gridEnergies.clone();
            onGrid = onGrid.clone();
            calibrated = calibrated == null ? null : calibrated.clone();
            set = set == null ? null : set.clone();
        }

        /** Calibrated probabilities (temperature, then the top-label map where the calibration has one) (T4, S5, O6), or null when the model has no calibration. */
        @Override
        public double[] calibrated() {
            return calibrated == null ? null : calibrated.clone();
        }

        /** The conformal set at {@link #coverage()} (true per class in it), or null without calibration. */
        @Override
        public boolean[] set() {
            return set == null ? null : set.clone();
        }

        /** The grid's energies (eV), a copy. */
        @Override
        public double[] gridEnergies() {
            return gridEnergies.clone();
        }

        /** The spectrum as the model saw it (normalized, aligned, max-normalized on the grid), a copy. */
        @Override
        public float[] onGrid() {
            return onGrid.clone();
        }
    }

    /** A model's id: element, kind and the first 8 hex digits of its training data's SHA-256 ("Cu-cnn@cec7cd8f"). */
    public static String modelId(Classifier c) {
        String hash = c.provenance().getOrDefault("data_hash", "");
        hash = hash.startsWith("sha256:") ? hash.substring(7) : hash;
        return c.element() + "-" + c.options().kind().name().toLowerCase(Locale.ROOT) + (hash.length() >= 8 ? "@" + hash.substring(0, 8) : "");
    }

    /** The warnings a reader's notes call for (points dropped, sorted, merged; units converted; choices the user should know). */
    public static List<String> readerWarnings(Spectrum s) {
        List<String> w = new ArrayList<>();
        Map<String, String> n = s.notes();
        if (n.containsKey("dropped_non_finite")) {
            w.add(n.get("dropped_non_finite") + " point(s) with a non-finite value (NaN or inf) dropped");
        }
        if (n.containsKey("merged_duplicate_energies")) {
            w.add(n.get("merged_duplicate_energies") + " point(s) at a repeated energy merged (mean of mu)");
        }
        if (n.containsKey("sorted_by_energy")) {
            w.add("points sorted by energy");
        }
        if (n.containsKey("energy_unit")) {
            w.add("energies in keV converted to eV");
        }
        if (n.containsKey("element_conflict")) {
            w.add(n.get("element_conflict"));
        }
        return w;
    }

    private static String level(Classifier c) {
        return c.provenance().getOrDefault("level_of_theory", "?");
    }

    /** The level of theory of the training spectra of the {@code element} model ("FEFF9", "feff8l"), or "?" when unrecorded. */
    public String levelOfTheory(String element) {
        Classifier c = models.get(element);
        return c == null ? "?" : c.provenance().getOrDefault("level_of_theory", "?");
    }

    /** Classifies one spectrum; InputException says why a spectrum cannot be classified. */
    public Result predict(Spectrum s, String source) throws InputException {
        return predict(s, source, DEFAULT_COVERAGE);
    }

    /** Classifies one spectrum, with conformal sets at {@code coverage} (0..1) where the model is calibrated. */
    public Result predict(Spectrum s, String source, double coverage) throws InputException {
        return predict(s, source, coverage, DEFAULT_PLACEMENT);
    }

    /** How measured spectra are placed unless a caller asks otherwise. */
    public static final Placement DEFAULT_PLACEMENT = Placement.AUTO;

    /**
     * How a measured spectrum is placed on a model's energy grid.
     */
    public enum Placement {
        /** By the shift of best Pearson correlation with the model's mean training spectrum (any energy scale). */
        ALIGN,
        /**
         * By the absorber's fixed offset between a calibrated energy scale (foil edge at its
         * tabulated value) and FEFF 9's ({@link EnergyScale}): no fitting to the model.
         */
        CALIBRATED,
        /**
         * As CALIBRATED where the scan's edge, so placed, lies within {@link #EDGE_GATE_EV} of the
         * edge of the model's mean spectrum (first inflection points: the scan looks calibrated),
         * otherwise as ALIGN; as ALIGN for an absorber without a calibrated scale.
         */
        AUTO;

        /** Parses align, calibrated or auto (any case). */
        public static Placement parse(String s) {
            for (Placement p : values()) {
                if (p.name().equalsIgnoreCase(s.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown energy placement '" + s + "' (align, calibrated or auto)");
        }
    }

    /**
     * How far (eV) the correlation alignment may lie from the calibrated offset before CALIBRATED
     * warns that the scan may not be calibrated: the correlation alignment itself moves a spectrum
     * by a few eV depending on its class (docs/CLASSIFIERS.md, "Energy scale").
     */
    public static final double CALIBRATION_TOLERANCE_EV = 5.0;

    /**
     * How far (eV) a scan's first inflection point, placed by the calibrated offset, may lie from the
     * first inflection of the model's mean spectrum for AUTO to take the scan as calibrated. The
     * edges of one metal's oxides spread over a few eV with the oxidation state, and the mean's
     * inflection moves with the training mix (the calibrated CuO lies 0.2 eV from the open-set Cu
     * model's, 6.8 eV from a three-class Cu model's); a scan off by more than this is taken as
     * uncalibrated (docs/CLASSIFIERS.md, "Energy scale").
     */
    public static final double EDGE_GATE_EV = 10.0;

    /**
     * Classifies one spectrum with conformal sets at {@code coverage}, a measured one placed on the
     * model's grid as {@code placement} says (computed spectra are on FEFF's own scale and only resampled).
     */
    public Result predict(Spectrum s, String source, double coverage, Placement placement) throws InputException {
        if (!(coverage > 0 && coverage < 1)) {
            throw new InputException(source, 0, "coverage must lie between 0 and 1, not " + coverage);
        }
        String element;
        String how;
        List<String> warnings = new ArrayList<>(readerWarnings(s));
        String edge = s.notes().getOrDefault("edge", "K");
        double e0 = Normalization.findE0(s);
        if (s.absorber().isPresent()) {
            element = s.absorber().get();
            how = s.notes().getOrDefault("element_source", "file");
        } else {
            element = edgeElement(s).orElseThrow(() -> new InputException(source, 0, String.format(Locale.ROOT,
                "cannot tell the absorber: no element in the file, and the edge at %.0f eV is %s; models exist for %s K edges"
                    + " (give --element and --edge if the file is one of them)", e0, nearestEdges(e0), modelList())));
            how = "edge energy";
            double own = Math.abs(K_EDGE_EV.get(element) - e0);
            List<Edges.Edge> other = Edges.near(e0, 40).stream().filter(x -> !(x.element().equals(element) && x.edge().equals("K")))
                .filter(x -> Math.abs(x.energyEv() - e0) < Math.max(15, 2 * own)).toList();
            if (!other.isEmpty()) {
                warnings.add(String.format(Locale.ROOT, "element told from the edge at %.0f eV, which is also near %s: give --element if it is not %s",
                    e0, other.get(0), element));
            }
        }
        if (!edge.equals("K")) {
            throw new InputException(source, 0, element + " " + edge + " edge: no model; models exist for " + modelList() + " K edges");
        }
        Classifier c = models.get(element);
        if (c == null) {
            throw new InputException(source, 0, element + " K edge: no model; models exist for " + modelList() + " K edges");
        }
        if (s.measured() && s.absorber().isPresent()) {
            double k = K_EDGE_EV.getOrDefault(element, Double.NaN);
            if (Math.abs(e0 - k) > 100) {
                warnings.add(String.format(Locale.ROOT, "the edge at %.0f eV is %.0f eV from the %s K edge (%.0f eV)%s: is the element or the"
                    + " energy column right?", e0, e0 - k, element, k, Edges.near(e0, 40).isEmpty() ? "" : "; it is near " + Edges.near(e0, 40).get(0)));
            }
        }
        EnergyGrid g = c.grid();
        float[] mu;
        String placedBy = "computed";
        double shift = 0;
        double r = Double.NaN;
        String notes;
        if (!s.measured()) {
            double[] v;
            try {
                v = Resampler.onto(s, g, 0.05);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, 0, "cannot place the spectrum on the " + element + " model's grid: " + e.getMessage());
            }
            mu = toFloat(Resampler.maxNormalized(v));
            notes = "computed spectrum resampled onto " + g;
        } else {
            Normalization n = Normalization.auto(s);
            Spectrum flat = s.withMu(n.flat());
            double[] ref = new double[g.count()];
            float[] mean = c.standardizer().mean();
            for (int i = 0; i < ref.length; i++) {
                ref[i] = mean[i];
            }
            Spectrum reference = Spectrum.computed("model mean", element, g.energies(), ref);
            Alignment a = null;
            String cannotAlign = null;
            try {
                // Compare on every point of the model's grid; the measured spectrum (usually much
                // wider) is interpolated at grid energy - shift.
                a = Alignment.align(flat, reference, g.startEv(), g.endEv(), ALIGN_SEARCH_EV, 0.05);
                if (a.onBoundary()) {
                    cannotAlign = String.format(Locale.ROOT, "cannot align to the %s model: best shift %.1f eV lies on the search boundary (+-%.0f eV)",
                        element, a.shiftEv(), ALIGN_SEARCH_EV);
                }
            } catch (IllegalArgumentException e) {
                cannotAlign = "cannot align to the " + element + " model: " + e.getMessage();
            }
            Optional<EnergyScale.Reference> scale = placement != Placement.ALIGN && level(c).equals("FEFF9")
                ? EnergyScale.feff9().reference(element) : Optional.empty();
            boolean agrees = scale.isPresent() && a != null && cannotAlign == null
                && Math.abs(a.shiftEv() - scale.get().offsetEv()) <= CALIBRATION_TOLERANCE_EV;
            String placedHow;
            String gate = null;
            if (scale.isPresent() && placement == Placement.AUTO) {
                double placedEdge;
                double modelEdge;
                try {
                    placedEdge = EnergyScale.firstInflectionMeasured(s) + scale.get().offsetEv();
                } catch (IllegalArgumentException e) {
                    placedEdge = Double.NaN;
                }
                modelEdge = modelEdges.computeIfAbsent(element, el -> {
                    try {
                        return EnergyScale.firstInflection(reference, 0, g.startEv() + 0.3, g.endEv() - 0.3);
                    } catch (IllegalArgumentException e) {
                        return Double.NaN;
                    }
                });
                if (!(Math.abs(placedEdge - modelEdge) <= EDGE_GATE_EV)) {
                    gate = Double.isNaN(placedEdge) ? "no edge found to check the calibration" : String.format(Locale.ROOT,
                        "its edge, placed by the calibrated %s offset %+.2f eV, lies %.1f eV from the model's (more than %.0f)", element,
                        scale.get().offsetEv(), Math.abs(placedEdge - modelEdge), EDGE_GATE_EV);
                    scale = Optional.empty();
                }
            }
            if (scale.isPresent()) {
                placedBy = "calibrated";
                shift = scale.get().offsetEv();
                r = Alignment.pearsonAt(flat, reference, g.startEv(), g.endEv(), shift);
                placedHow = String.format(Locale.ROOT, "placed by the calibrated %s offset %+.2f eV (pair %s / %s; r = %.3f)%s", element, shift,
                    scale.get().measured(), scale.get().computed(), r, a == null ? "" : String.format(Locale.ROOT, "; correlation alone would shift by %+.2f eV", a.shiftEv()));
                if (!agrees && placement == Placement.CALIBRATED) {
                    warnings.add(String.format(Locale.ROOT, "placed by the calibrated offset %+.2f eV, but %s: if the scan's energy is not"
                        + " calibrated to the %s foil edge (%.1f eV), use --energy-scale align", shift, cannotAlign != null ? cannotAlign
                        : String.format(Locale.ROOT, "the best correlation with the model lies at %+.2f eV", a.shiftEv()), element,
                        Edges.of(element, "K").map(Edges.Edge::energyEv).orElse(Double.NaN)));
                }
            } else {
                if (cannotAlign != null) {
                    throw new InputException(source, 0, cannotAlign);
                }
                if (a.atCoverLimit()) {
                    // only shifts that keep the model's whole grid covered are tried: a short scan stops here
                    warnings.add(String.format(Locale.ROOT, "the alignment stopped at %+.2f eV, the limit of what the spectrum covers (%.1f..%.1f eV"
                        + " against the model's %.1f..%.1f eV): the best shift may lie beyond it; a scan that extends further past the edge would tell",
                        a.shiftEv(), flat.minEnergyEv(), flat.maxEnergyEv(), g.startEv(), g.endEv()));
                }
                placedBy = "aligned";
                shift = a.shiftEv();
                r = a.pearson();
                placedHow = String.format(Locale.ROOT, "aligned by %+.2f eV (r = %.3f)", shift, r);
                if (gate != null) {
                    warnings.add("taken as not calibrated to the " + element + " foil edge, so aligned by correlation: " + gate);
                } else if (placement == Placement.CALIBRATED) {
                    warnings.add("no calibrated energy scale for the " + element + " model (" + level(c) + " spectra"
                        + (EnergyScale.feff9().reference(element).isEmpty() ? ", no measured " + element + " reference pair" : "")
                        + "): aligned by correlation");
                }
            }
            Spectrum placed = flat.shifted(shift);
            double[] v;
            try {
                v = Resampler.onto(placed, g, 0.05);
            } catch (IllegalArgumentException e) {
                throw new InputException(source, 0, "after alignment (shift " + String.format(Locale.ROOT, "%.2f", shift)
                    + " eV) the spectrum does not cover the " + element + " model's grid: " + e.getMessage());
            }
            mu = toFloat(Resampler.maxNormalized(v));
            notes = String.format(Locale.ROOT, "measured: E0 %.2f eV, edge step %.4g, pre %.0f..%.0f, norm %.0f..%.0f (nnorm %d); %s",
                n.e0Ev(), n.edgeStep(), n.params().pre1(), n.params().pre2(), n.params().norm1(), n.params().norm2(), n.params().nnorm(), placedHow);
        }
        String level = levelOfTheory(element);
        String caution = !s.measured() || !level.contains("feff8l") ? "" : "the " + element + " model was trained on " + level
            + " spectra, which have no full multiple scattering and start at the Fermi level, above the edge: it is not validated on"
            + " measured spectra (docs/SIMULATION.md)";
        if (!caution.isEmpty()) {
            warnings.add(caution);
        }
        Classifier.Prediction pred = c.predictOne(mu);
        org.xaneslce.trust.TrustModel tm = trust.get(element);
        org.xaneslce.model.Ensemble en = ensembles.get(element);
        org.xaneslce.model.Ensemble.Prediction ensemble = en == null ? null : en.predict(mu, 1);
        double[] cal = null;
        if (tm != null) {
            cal = tm.calibrate(tm.members() == 1 ? pred.probabilities()
                : tm.members() == en.members().size() ? ensemble.mean() : en.first(tm.members()).predict(mu, 1).mean());
        }
        boolean[] set = tm == null ? null : tm.conformal().set(cal, coverage);
        org.xaneslce.model.GeometryModel gm = geometry.get(element);
        org.xaneslce.model.GeometryModel.Prediction shell = gm == null ? null : gm.predict(mu);
        double half = gm == null ? Double.NaN : gm.halfWidth(coverage);
        return new Result(s.id(), element, how, pred, shift, r, notes, caution, warnings, modelId(c), g.energies(), mu, cal, set, coverage,
            shell, half, ensemble, en == null ? 1 : en.members().size(), placedBy);
    }

    private String modelList() {
        return String.join(", ", models.keySet().stream()
            .sorted(java.util.Comparator.comparing(e -> org.xaneslce.structure.Element.atomicNumber(e).orElse(0))).toList());
    }

    private static String nearestEdges(double e0) {
        List<Edges.Edge> near = Edges.near(e0, 60);
        return near.isEmpty() ? "not near a tabulated edge (K..Ag K, Ba..U L3)" : "near " + near.get(0) + ", not a 3d-metal K edge with a model";
    }

    /** The 3d metal whose K edge lies within 60 eV of the spectrum's E0, if any. */
    public static Optional<String> edgeElement(Spectrum s) {
        double e0 = Normalization.findE0(s);
        String best = null;
        double bestD = 60;
        for (Map.Entry<String, Double> e : K_EDGE_EV.entrySet()) {
            double d = Math.abs(e.getValue() - e0);
            if (d < bestD) {
                bestD = d;
                best = e.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
