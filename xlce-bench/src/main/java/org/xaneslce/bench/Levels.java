package org.xaneslce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.evaluation.Metrics;
import org.xaneslce.model.Classifier;
import org.xaneslce.model.ModelFiles;
import org.xaneslce.spectrum.Alignment;
import org.xaneslce.spectrum.Resampler;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.store.SpectralDatabase;

/**
 * Level-of-theory check (FEFF campaigns issue): for every site with both a FEFF 9 and a feff8l
 * spectrum in the database, the Pearson correlation after alignment, and how a FEFF 9-trained
 * model does on the feff8l spectra.
 */
final class Levels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Levels() {
    }

    static void run(Path dbFile, Path modelFile) throws Exception {
        Classifier model = ModelFiles.read(modelFile);
        String el = model.element();
        try (SpectralDatabase db = SpectralDatabase.open(dbFile)) {
            List<Map<String, Object>> rows = db.query("SELECT a.material_id, a.site_index, a.energy_ev AS e9, a.mu AS m9, b.energy_ev AS e8,"
                + " b.mu AS m8, l.class FROM spectra a JOIN sources sa ON sa.id = a.source_id AND sa.level_of_theory = 'FEFF9'"
                + " JOIN spectra b ON b.material_id = a.material_id AND b.site_index = a.site_index AND b.element = a.element"
                + " JOIN sources sb ON sb.id = b.source_id AND sb.level_of_theory = 'feff8l'"
                + " JOIN labels l ON l.material_id = a.material_id AND l.site_index = a.site_index AND l.rule = 'O within 1.2 x d_min'"
                + " WHERE a.element = ? AND sa.kind = 'feff-campaign' ORDER BY a.material_id, a.site_index", el);
            List<Double> rs = new ArrayList<>();
            List<Double> shifts = new ArrayList<>();
            List<Spectrum> f8 = new ArrayList<>();
            List<CoordinationClass> cls = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Spectrum s9 = Spectrum.computed("feff9", el, arr(r.get("e9")), arr(r.get("m9")));
                Spectrum s8 = Spectrum.computed("feff8l", el, arr(r.get("e8")), arr(r.get("m8")));
                Alignment a = Alignment.align(s8, s9, s9.minEnergyEv() + 2, s9.minEnergyEv() + 60, 30);
                rs.add(a.pearson());
                shifts.add(a.shiftEv());
                f8.add(s8);
                cls.add(CoordinationClass.valueOf((String) r.get("class")));
            }
            if (rows.isEmpty()) {
                System.out.println("no site has both levels of theory");
                return;
            }
            double[] r = rs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] sh = shifts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = sh[sh.length / 2];
            System.out.printf(Locale.ROOT, "%s: %d sites with FEFF 9 and feff8l spectra. Pearson r after alignment: mean %.3f, median %.3f,"
                + " 10th percentile %.3f, min %.3f. Shift (add to feff8l energies): median %+.2f eV, 10th..90th %+.2f..%+.2f eV%n",
                el, r.length, Arrays.stream(r).average().orElse(0), r[r.length / 2], r[r.length / 10], r[0], median,
                sh[sh.length / 10], sh[sh.length * 9 / 10]);
            for (boolean perSpectrum : new boolean[] {true, false}) {
                List<Integer> truth = new ArrayList<>();
                List<Integer> pred = new ArrayList<>();
                int off = 0;
                for (int i = 0; i < f8.size(); i++) {
                    if (cls.get(i) == CoordinationClass.OTHER) {
                        continue;
                    }
                    Spectrum placed = f8.get(i).shifted(perSpectrum ? shifts.get(i) : median);
                    double[] v;
                    try {
                        v = Resampler.maxNormalized(Resampler.onto(placed, model.grid(), 0.05));
                    } catch (IllegalArgumentException e) {
                        off++;
                        continue;
                    }
                    float[] f = new float[v.length];
                    for (int k = 0; k < v.length; k++) {
                        f[k] = (float) v[k];
                    }
                    truth.add(cls.get(i).ordinal());
                    pred.add(model.predictOne(f).best().ordinal());
                }
                Metrics m = Metrics.of(truth.stream().mapToInt(Integer::intValue).toArray(), pred.stream().mapToInt(Integer::intValue).toArray(), 3);
                System.out.printf(Locale.ROOT, "FEFF 9-trained %s %s on feff8l spectra (%s): %d T4/S5/O6 spectra (%d off the grid), macro F1 %.3f"
                    + " (T4 %.3f, S5 %.3f, O6 %.3f), accuracy %.3f%n", el, model.options().kind(), perSpectrum ? "each aligned to its FEFF 9 twin"
                    : "all shifted by the median shift", truth.size(), off, m.macroF1(), m.f1(0), m.f1(1), m.f1(2), m.accuracy());
            }
        }
    }

    private static double[] arr(Object json) throws Exception {
        JsonNode n = JSON.readTree((String) json);
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }
}
