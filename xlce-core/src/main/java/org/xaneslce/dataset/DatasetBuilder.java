package org.xaneslce.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.spectrum.EnergyGrid;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.store.SpectralDatabase;

/**
 * Builds the paper's base dataset of one absorber from the database (spectra of the level of
 * theory of the absorber's grid only): one spectrum per site
 * (campaign runs preferred over grid rows over other sources), T4/S5/O6 sites only (and OTHER for
 * an open-set dataset), resampled onto
 * the absorber's grid by cubic spline (ends within 0.05 eV of the data are extrapolated by the
 * spline), max-normalized, duplicates (mean absolute difference below 0.015) removed. A labelled
 * spectrum that does not cover the grid (stored before the grid was defined) is left out and
 * reported in {@link Result#outsideGrid()}, never silently dropped.
 */
public final class DatasetBuilder {
    private DatasetBuilder() {
    }

    /**
     * What the build did.
     *
     * @param dataset the base dataset
     * @param labelledSites distinct labelled sites with a spectrum, per class (all classes)
     * @param duplicates spectra dropped as duplicates, per class
     * @param outsideGrid T4/S5/O6 spectra left out because they do not cover the grid: site key
     *     ("mp-1_3") to the reason
     * @param noGeometry spectra kept without shell geometry (coordination number, mean distance): site
     *     key to the reason
     */
    public record Result(Dataset dataset, Map<String, Integer> labelledSites, Map<String, Integer> duplicates,
        Map<String, String> outsideGrid, Map<String, String> noGeometry) {
    }

    /** Builds the dataset of {@code element} on {@code grid}. */
    public static Result build(SpectralDatabase db, String element, EnergyGrid grid) throws SQLException {
        return build(db, element, grid, false);
    }

    /**
     * Builds the dataset of {@code element} on {@code grid}; with {@code includeOther} the sites the
     * labeller puts in none of T4, S5, O6 are kept as class OTHER (an open-set dataset).
     */
    public static Result build(SpectralDatabase db, String element, EnergyGrid grid, boolean includeOther) throws SQLException {
        return build(db, element, grid, includeOther, List.of());
    }

    /**
     * As {@link #build(SpectralDatabase, String, EnergyGrid, boolean)}, adding the spectra of the
     * levels of theory {@code alsoLevels} (for example "FEFF10:fast") of sites that have none at the
     * grid's level; a site with spectra at both keeps the grid level's. Mix levels only where the
     * codes bench finds them indistinguishable (docs/DATASET.md, confound check); the dataset's level
     * of theory names every level it holds.
     */
    public static Result build(SpectralDatabase db, String element, EnergyGrid grid, boolean includeOther, List<String> alsoLevels)
        throws SQLException {
        String rule = org.xaneslce.structure.NeighbourRule.DEFAULT.describe();
        List<SpectralDatabase.LabelledSpectrum> rows = new ArrayList<>(db.labelledSpectra(element, rule,
            org.xaneslce.spectrum.AbsorberGrids.levelOf(element).orElse("FEFF9")));
        for (String level : alsoLevels) {
            rows.addAll(db.labelledSpectra(element, rule, level));
        }
        Map<String, Integer> labelled = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Dataset.Entry> candidates = new ArrayList<>();
        Map<String, String> outside = new TreeMap<>();
        Set<String> levels = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (SpectralDatabase.LabelledSpectrum r : rows) {
            String key = r.material() + "_" + r.site();
            if (!seen.add(key)) {
                continue;
            }
            String cls = r.coordinationClass();
            labelled.merge(cls, 1, Integer::sum);
            if (cls.equals("OTHER") && !includeOther) {
                continue;
            }
            double[] e = json(r.energyJson());
            double[] mu = json(r.muJson());
            Spectrum s = Spectrum.computed(key, element, e, mu);
            Optional<String> gap = Resampler.gap(s, grid, org.xaneslce.store.SpectrumChecks.GRID_TOLERANCE_EV);
            if (gap.isPresent()) {
                outside.put(key, gap.get());
                continue;
            }
            double[] v = Resampler.maxNormalized(Resampler.onto(s, grid, org.xaneslce.store.SpectrumChecks.GRID_TOLERANCE_EV));
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            candidates.add(new Dataset.Entry(r.material(), r.site(), CoordinationClass.valueOf(cls), r.label(), r.csm(),
                r.margin() == null ? Double.NaN : r.margin(), f));
            levels.add(r.levelOfTheory());
            kinds.add(r.kind());
        }
        List<float[]> vectors = new ArrayList<>();
        for (Dataset.Entry c : candidates) {
            vectors.add(c.mu());
        }
        List<Deduplication.Duplicate> dups = Deduplication.find(vectors, Deduplication.THRESHOLD);
        boolean[] drop = new boolean[candidates.size()];
        Map<String, Integer> dupCounts = new TreeMap<>();
        for (Deduplication.Duplicate d : dups) {
            drop[d.dropped()] = true;
            dupCounts.merge(candidates.get(d.dropped()).coordinationClass().name(), 1, Integer::sum);
        }
        List<Dataset.Entry> kept = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (!drop[i]) {
                kept.add(candidates.get(i));
            }
        }
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("sources", String.join(" ", kinds));
        prov.put("database_schema", Integer.toString(db.schemaVersion()));
        String cards = db.cardsSha256OfLevel(String.join("+", levels));
        prov.putAll(org.xaneslce.Provenance.now("db:" + db.file().toAbsolutePath(), null, String.join("+", levels), cards).toMap());
        if (!outside.isEmpty()) {
            prov.put("outside_grid", outside.size() + " labelled spectra do not cover the grid and are left out");
        }
        prov.put("dedup", "mean abs diff < " + Deduplication.THRESHOLD + " after max-normalization; dropped " + dups.size());
        prov.put("label_rule", org.xaneslce.structure.NeighbourRule.DEFAULT.describe() + ", lowest CSM (ChemEnv geometries)");
        Dataset d = new Dataset(element, grid, String.join("+", levels), kept, prov);
        ShellGeometry.Result g = ShellGeometry.annotate(d, m -> {
            try {
                return db.structureFile(m).map(List::of).orElse(List.of());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "the database stores no structure file for it, or the file has moved");
        return new Result(g.dataset(), labelled, dupCounts, outside, g.problems());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static double[] json(String s) throws SQLException {
        try {
            JsonNode n = JSON.readTree(s);
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = n.get(i).asDouble();
            }
            return v;
        } catch (java.io.IOException e) {
            throw new SQLException("corrupt array in the database: " + e.getMessage(), e);
        }
    }
}
