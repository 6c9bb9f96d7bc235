package org.xaneslce.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The paper's Table I and Table II values (resource paper-tables.csv), to print beside ours. */
public final class PaperTables {
    /**
     * One absorber's row.
     *
     * @param t4 T4 count
     * @param s5 S5 count
     * @param o6 O6 count
     * @param total total count
     * @param f1 macro F1 means: MLP, CNN, pre-edge MLP, pre-edge CNN
     * @param f1Std their standard deviations
     */
    public record Row(int t4, int s5, int o6, int total, double[] f1, double[] f1Std) {
        public Row {
            f1 = f1.clone();
            f1Std = f1Std.clone();
        }

        @Override
        public double[] f1() {
            return f1.clone();
        }

        @Override
        public double[] f1Std() {
            return f1Std.clone();
        }
    }

    private static final Map<String, Row> ROWS = load();

    private PaperTables() {
    }

    /** Rows by absorber, in the paper's order. */
    public static Map<String, Row> rows() {
        return ROWS;
    }

    private static Map<String, Row> load() {
        Map<String, Row> m = new LinkedHashMap<>();
        try (InputStream in = PaperTables.class.getResourceAsStream("/org/xaneslce/dataset/paper-tables.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith("#") || l.isBlank()) {
                    continue;
                }
                String[] f = l.split(",");
                double[] f1 = new double[4];
                double[] sd = new double[4];
                for (int i = 0; i < 4; i++) {
                    f1[i] = Double.parseDouble(f[5 + 2 * i]);
                    sd[i] = Double.parseDouble(f[6 + 2 * i]);
                }
                m.put(f[0], new Row(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), f1, sd));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }
}
