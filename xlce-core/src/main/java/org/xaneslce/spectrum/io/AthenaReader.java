package org.xaneslce.spectrum.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.spectrum.Spectrum;
import org.xaneslce.structure.Element;

/**
 * Athena project files (.prj), gzip-compressed or plain (the caller undoes gzip): the older Perl
 * data dump ({@code $old_group = '...'; @args = (...); @x = (...); @y = (...); [record]}) and the
 * newer JSON kind. Each group becomes a spectrum with energy = x + bkg_eshift; groups that are
 * reference channels ("Ref ..." labels or is_ref) are left out and counted in the notes of the
 * others; is_nor, bkg_e0 and the label are kept in the notes.
 */
public final class AthenaReader implements SpectrumReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format() {
        return "athena-prj";
    }

    @Override
    public List<Spectrum> parse(String source, String id, String text) throws InputException {
        if (text.isBlank()) {
            throw new InputException(source, 0, "empty file");
        }
        List<Group> groups = text.stripLeading().startsWith("{") ? parseJson(source, text) : parsePerl(source, text);
        List<Spectrum> out = new ArrayList<>();
        int refs = 0;
        for (Group g : groups) {
            String label = g.args.getOrDefault("label", g.name);
            if (label.startsWith("Ref ") || "1".equals(g.args.get("is_ref"))) {
                refs++;
                continue;
            }
            if (g.x.length == 0 || g.x.length != g.y.length) {
                throw new InputException(source, g.line, "group '" + label + "' has " + g.x.length + " x and " + g.y.length + " y values");
            }
            double shift = TextFiles.parseNumber(g.args.getOrDefault("bkg_eshift", "0"));
            double[] e = g.x.clone();
            for (int i = 0; i < e.length; i++) {
                e[i] += Double.isFinite(shift) ? shift : 0;
            }
            Map<String, String> notes = new TreeMap<>();
            notes.put("athena.group", g.name);
            notes.put("athena.label", label);
            for (String k : new String[] {"is_nor", "is_xmu", "bkg_e0", "bkg_eshift", "bkg_z"}) {
                if (g.args.containsKey(k)) {
                    notes.put("athena." + k, g.args.get(k));
                }
            }
            Optional<String> absorber = Optional.ofNullable(g.args.get("bkg_z")).flatMap(Element::canonical);
            out.add(RawSpectrum.build(source, id + "#" + label, absorber, e, g.y, true, notes));
        }
        if (out.isEmpty()) {
            throw new InputException(source, 0, "no sample groups in the project (" + groups.size() + " groups, " + refs + " references)");
        }
        if (refs > 0) {
            List<Spectrum> withNote = new ArrayList<>();
            for (Spectrum s : out) {
                Map<String, String> n = new TreeMap<>(s.notes());
                n.put("athena.reference_groups_skipped", Integer.toString(refs));
                withNote.add(new Spectrum(s.id(), s.absorber(), s.energyEv(), s.mu(), true, n));
            }
            out = withNote;
        }
        return out;
    }

    private static final class Group {
        String name = "";
        int line;
        Map<String, String> args = new LinkedHashMap<>();
        double[] x = new double[0];
        double[] y = new double[0];
    }

    private static List<Group> parseJson(String source, String text) throws InputException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw InputException.json(source, "invalid JSON project", e);
        }
        List<Group> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> en = it.next();
            if (en.getKey().startsWith("_") || !en.getValue().isObject() || !en.getValue().has("x")) {
                continue;
            }
            Group g = new Group();
            g.name = en.getKey();
            JsonNode args = en.getValue().path("args");
            args.fields().forEachRemaining(a -> g.args.put(a.getKey(), a.getValue().asText()));
            g.x = numbers(source, en.getValue().get("x"), g.name + ".x");
            g.y = numbers(source, en.getValue().path("y"), g.name + ".y");
            out.add(g);
        }
        return out;
    }

    private static double[] numbers(String source, JsonNode arr, String what) throws InputException {
        if (!arr.isArray()) {
            throw new InputException(source, 0, what + " is not an array");
        }
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = arr.get(i).isNumber() ? arr.get(i).asDouble() : TextFiles.parseNumber(arr.get(i).asText());
            if (Double.isNaN(v[i])) {
                throw new InputException(source, 0, what + "[" + i + "] is not a number: " + arr.get(i));
            }
        }
        return v;
    }

    private static List<Group> parsePerl(String source, String text) throws InputException {
        List<Group> out = new ArrayList<>();
        Group g = null;
        String[] lines = text.split("\r\n|\n|\r");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.startsWith("$old_group")) {
                g = new Group();
                g.line = i + 1;
                List<String> v = perlList(source, i + 1, l.substring(l.indexOf('=') + 1));
                g.name = v.isEmpty() ? "" : v.get(0);
                out.add(g);
            } else if (g != null && l.startsWith("@args")) {
                List<String> v = perlList(source, i + 1, l.substring(l.indexOf('=') + 1));
                for (int k = 0; k + 1 < v.size(); k += 2) {
                    g.args.put(v.get(k), v.get(k + 1));
                }
            } else if (g != null && (l.startsWith("@x ") || l.startsWith("@x=") || l.startsWith("@y ") || l.startsWith("@y="))) {
                List<String> v = perlList(source, i + 1, l.substring(l.indexOf('=') + 1));
                double[] d = new double[v.size()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = TextFiles.parseNumber(v.get(k));
                    if (Double.isNaN(d[k])) {
                        throw new InputException(source, i + 1, "bad number '" + v.get(k) + "' in @" + l.charAt(1));
                    }
                }
                if (l.charAt(1) == 'x') {
                    g.x = d;
                } else {
                    g.y = d;
                }
            }
        }
        if (out.isEmpty()) {
            throw new InputException(source, 0, "not an Athena project: no $old_group records");
        }
        return out;
    }

    /** The flat list of scalars in a Perl list literal "('a','b',1,[],...);" (nested lists flattened to ""). */
    private static List<String> perlList(String source, int line, String s) throws InputException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '\'') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    b.append(s.charAt(i));
                    i++;
                }
                if (i >= n) {
                    throw new InputException(source, line, "unterminated string (truncated file?)");
                }
                if (depth <= 1) {
                    out.add(b.toString());
                }
                i++;
            } else if (c == '[' || c == '{') {
                if (depth == 1) {
                    out.add("");
                }
                depth++;
                i++;
            } else if (c == ']' || c == '}') {
                depth--;
                i++;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (Character.isWhitespace(c) || c == ',' || c == ';' || c == '=' || c == '>') {
                i++;
            } else {
                int j = i;
                while (j < n && ",;)]} ".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (depth <= 1) {
                    out.add(s.substring(i, j));
                }
                i = j;
            }
        }
        return out;
    }
}
