package org.xaneslce.spectrum.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Element;

/**
 * Materials Project XAS documents: {@code spectrum} (or the top level) with {@code x} (eV), {@code y},
 * {@code absorbing_element}, {@code absorbing_index} (null for a site-weighted average), {@code edge},
 * {@code spectrum_type}, {@code spectrum_id}. A list of documents gives one spectrum each.
 */
public final class MpXasJsonReader implements SpectrumReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format() {
        return "mp-xas-json";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw InputException.json(source, "invalid JSON", e);
        }
        if (root.isArray()) {
            java.util.ArrayList<Spectrum> out = new java.util.ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                out.add(document(source + "[" + i + "]", id + "[" + i + "]", root.get(i)));
            }
            return out;
        }
        return List.of(document(source, id, root));
    }

    /** One MP XAS document. */
    public static Spectrum document(String source, String id, JsonNode doc) throws InputException {
        JsonNode s = doc.has("spectrum") ? doc.get("spectrum") : doc;
        JsonNode x = s.get("x");
        JsonNode y = s.get("y");
        if (x == null || y == null || !x.isArray() || !y.isArray()) {
            throw new InputException(source, 0, "not an MP XAS document: no x and y arrays");
        }
        if (x.size() != y.size()) {
            throw new InputException(source, 0, "x has " + x.size() + " values, y has " + y.size());
        }
        double[] e = new double[x.size()];
        double[] mu = new double[y.size()];
        for (int i = 0; i < e.length; i++) {
            if (!x.get(i).isNumber() || !y.get(i).isNumber()) {
                throw new InputException(source, 0, "x[" + i + "] or y[" + i + "] is not a number");
            }
            e[i] = x.get(i).asDouble();
            mu[i] = y.get(i).asDouble();
        }
        String el = text(doc, s, "absorbing_element");
        Optional<String> absorber = el == null ? Optional.empty() : Element.canonical(el);
        Map<String, String> notes = new TreeMap<>();
        for (String k : new String[] {"absorbing_index", "edge", "spectrum_type", "spectrum_id", "material_id"}) {
            String v = text(doc, s, k);
            if (v != null) {
                notes.put("mp." + k, v);
            }
        }
        String sid = notes.getOrDefault("mp.spectrum_id", id);
        Spectrum raw = RawSpectrum.build(source, sid, absorber, e, mu, false, notes);
        return raw;
    }

    private static String text(JsonNode doc, JsonNode s, String key) {
        JsonNode v = s.has(key) ? s.get(key) : doc.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
