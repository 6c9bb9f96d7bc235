package org.xaneslce.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ideal polyhedra shipped as resources: ChemEnv's coordination geometry files (pymatgen,
 * MIT licence, see COPYRIGHT-pymatgen-MIT.txt beside them), in the order of ChemEnv's allcg.txt.
 * Geometries flagged {@code deactivate} and placeholders without points are left out, as ChemEnv does.
 */
public final class PolyhedronLibrary {
    private static final String BASE = "/org/xaneslce/coordination/geometries/";
    private static final PolyhedronLibrary CHEMENV = load();

    private final List<IdealPolyhedron> all;
    private final Map<Integer, List<IdealPolyhedron>> byCn;

    private PolyhedronLibrary(List<IdealPolyhedron> all) {
        this.all = List.copyOf(all);
        Map<Integer, List<IdealPolyhedron>> m = new TreeMap<>();
        for (IdealPolyhedron p : all) {
            m.computeIfAbsent(p.coordination(), k -> new ArrayList<>()).add(p);
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        this.byCn = Collections.unmodifiableMap(m);
    }

    /** ChemEnv's active geometries. */
    public static PolyhedronLibrary chemenv() {
        return CHEMENV;
    }

    /** A library of the given polyhedra (for tests and custom sets). */
    public static PolyhedronLibrary of(List<IdealPolyhedron> polyhedra) {
        return new PolyhedronLibrary(polyhedra);
    }

    /** Every geometry. */
    public List<IdealPolyhedron> all() {
        return all;
    }

    /** The geometries with {@code cn} vertices (empty when there are none). */
    public List<IdealPolyhedron> forCoordination(int cn) {
        return byCn.getOrDefault(cn, List.of());
    }

    /** The geometry with this symbol. */
    public IdealPolyhedron bySymbol(String symbol) {
        for (IdealPolyhedron p : all) {
            if (p.symbol().equals(symbol)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no ideal polyhedron '" + symbol + "'");
    }

    private static PolyhedronLibrary load() {
        ObjectMapper mapper = new ObjectMapper();
        List<IdealPolyhedron> out = new ArrayList<>();
        try (InputStream list = resource("allcg.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                String file = line.substring(line.lastIndexOf('/') + 1).replace('#', '-');
                JsonNode n;
                try (InputStream in = resource(file)) {
                    n = mapper.readTree(in);
                }
                if (n.path("deactivate").asBoolean(false)) {
                    continue;
                }
                JsonNode pts = n.get("points");
                if (pts == null || !pts.isArray() || pts.isEmpty()) {
                    // Placeholder geometries (S:10, S:12, H:10, CO:11) have no points; ChemEnv cannot score them either.
                    continue;
                }
                double[][] points = new double[pts.size()][3];
                for (int i = 0; i < pts.size(); i++) {
                    for (int k = 0; k < 3; k++) {
                        points[i][k] = pts.get(i).get(k).asDouble();
                    }
                }
                double[] central = new double[3];
                for (int k = 0; k < 3; k++) {
                    central[k] = n.get("central_site").get(k).asDouble();
                }
                out.add(new IdealPolyhedron(n.get("mp_symbol").asText(), n.path("name").asText(), points, central));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the ideal polyhedra resources", e);
        }
        return new PolyhedronLibrary(out);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = PolyhedronLibrary.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IOException("missing resource " + BASE + name);
        }
        return in;
    }
}
