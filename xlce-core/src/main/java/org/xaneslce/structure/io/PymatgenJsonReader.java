package org.xaneslce.structure.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.Lattice;
import org.xaneslce.structure.Site;
import org.xaneslce.structure.Structure;

/**
 * pymatgen Structure JSON ({@code lattice.matrix}, {@code sites[].species[].element},
 * {@code sites[].abc} or {@code xyz}); also accepts a Materials Project document that holds such
 * a structure under {@code structure} (or {@code spectrum.structure}).
 */
public final class PymatgenJsonReader implements StructureReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format() {
        return "pymatgen-json";
    }

    @Override
    public Structure parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw InputException.json(source, "invalid JSON", e);
        }
        return fromNode(source, id, locate(root));
    }

    /** Finds the Structure dict in a document: itself, or under structure / spectrum.structure. */
    static JsonNode locate(JsonNode root) {
        if (root.has("lattice") && root.has("sites")) {
            return root;
        }
        if (root.has("structure")) {
            return root.get("structure");
        }
        if (root.has("spectrum") && root.get("spectrum").has("structure")) {
            return root.get("spectrum").get("structure");
        }
        return root;
    }

    /** Builds a structure from a pymatgen Structure dict. */
    public static Structure fromNode(String source, String id, JsonNode s) throws InputException {
        JsonNode matrix = s.path("lattice").path("matrix");
        if (!matrix.isArray() || matrix.size() != 3) {
            throw new InputException(source, 0, "no lattice.matrix (3 x 3) in the structure");
        }
        double[][] m = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                JsonNode v = matrix.get(r).get(k);
                if (v == null || !v.isNumber()) {
                    throw new InputException(source, 0, "lattice.matrix[" + r + "][" + k + "] is not a number");
                }
                m[r][k] = v.asDouble();
            }
        }
        Lattice lattice;
        try {
            lattice = Lattice.ofVectors(m);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, 0, e.getMessage());
        }
        JsonNode sites = s.path("sites");
        if (!sites.isArray() || sites.isEmpty()) {
            throw new InputException(source, 0, "no sites in the structure");
        }
        List<Site> out = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            JsonNode site = sites.get(i);
            JsonNode species = site.path("species");
            if (!species.isArray() || species.isEmpty()) {
                throw new InputException(source, 0, "sites[" + i + "] has no species");
            }
            if (species.size() > 1 || species.get(0).path("occu").asDouble(1.0) < 0.999) {
                throw new InputException(source, 0, "sites[" + i + "] is disordered (partial occupancy): not supported");
            }
            String el = species.get(0).path("element").asText("");
            String element = Element.fromTypeSymbol(el).orElseThrow(() ->
                new InputException(source, 0, "sites[" + (out.size()) + "]: unknown element '" + el + "'"));
            double[] cart;
            if (site.has("abc")) {
                cart = lattice.toCartesian(vector(source, site.get("abc"), "sites[" + i + "].abc"));
            } else if (site.has("xyz")) {
                cart = vector(source, site.get("xyz"), "sites[" + i + "].xyz");
            } else {
                throw new InputException(source, 0, "sites[" + i + "] has neither abc nor xyz");
            }
            out.add(new Site(element, site.path("label").asText(element), cart));
        }
        return Structure.periodic(id, lattice, out);
    }

    private static double[] vector(String source, JsonNode n, String what) throws InputException {
        if (!n.isArray() || n.size() != 3) {
            throw new InputException(source, 0, what + " needs 3 numbers");
        }
        double[] v = new double[3];
        for (int k = 0; k < 3; k++) {
            if (!n.get(k).isNumber()) {
                throw new InputException(source, 0, what + "[" + k + "] is not a number: " + n.get(k));
            }
            v[k] = n.get(k).asDouble();
        }
        return v;
    }
}
