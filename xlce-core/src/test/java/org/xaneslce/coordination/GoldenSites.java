package org.xaneslce.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.xaneslce.Fixtures;

/** The 390 ChemEnv golden sites (fixtures/sites.jsonl, see SOURCE-chemenv-golden.md). */
final class GoldenSites {
    private GoldenSites() {
    }

    static List<JsonNode> all() {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Fixtures.resource("sites.jsonl"))) {
                if (!line.isBlank()) {
                    out.add(m.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Sites with neighbour vectors and exhaustive CSMs. */
    static List<JsonNode> withExact() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : all()) {
            if (n.has("csm_exact") && n.has("neighbour_vectors")) {
                out.add(n);
            }
        }
        return out;
    }

    static double[][] vectors(JsonNode site) {
        JsonNode v = site.get("neighbour_vectors");
        double[][] out = new double[v.size()][3];
        for (int i = 0; i < v.size(); i++) {
            for (int k = 0; k < 3; k++) {
                out[i][k] = v.get(i).get(k).asDouble();
            }
        }
        return out;
    }
}
