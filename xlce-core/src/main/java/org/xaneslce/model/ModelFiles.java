package org.xaneslce.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xaneslce.io.InputException;
import org.xaneslce.io.TextFiles;
import org.xaneslce.nn.Network;
import org.xaneslce.spectrum.EnergyGrid;

/**
 * The model file (JSON, {@code "format": "xlce-model"}, {@code "format_version": 1}): absorber,
 * edge, grid, classes, options, seed, standardization, novelty detector, provenance and the
 * network's weights (base64 of little-endian float32, one string per parameter array, in layer
 * order). A file of another format version is refused with the version named; a model file
 * written by this version must keep loading in every later one.
 */
public final class ModelFiles {
    /** The format version written. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** Writes {@code c} to {@code file} (via a temporary file, so a crash leaves no partial model). */
    public static void write(Classifier c, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "xlce-model");
        root.put("format_version", FORMAT_VERSION);
        root.put("element", c.element());
        root.put("edge", "K");
        ObjectNode g = root.putObject("grid");
        g.put("start_ev", c.grid().startEv());
        g.put("step_ev", c.grid().stepEv());
        g.put("count", c.grid().count());
        ArrayNode classes = root.putArray("classes");
        for (var k : c.classList()) {
            classes.add(k.name());
        }
        ModelOptions o = c.options();
        ObjectNode opt = root.putObject("options");
        opt.put("kind", o.kind().name());
        opt.put("pre_edge", o.preEdge());
        opt.put("augment", o.augment().name());
        opt.put("epochs", o.epochs());
        opt.put("batch_size", o.batchSize());
        opt.put("learning_rate", o.learningRate());
        opt.put("dropout", o.dropout());
        opt.put("seed", o.seed());
        opt.put("balanced", o.balanced());
        ObjectNode st = root.putObject("standardizer");
        st.put("mean", floats(c.standardizer().mean()));
        st.put("std", floats(c.standardizer().std()));
        ObjectNode nd = root.putObject("novelty");
        NoveltyDetector n = c.novelty();
        nd.put("mean", floats(n.mean()));
        ArrayNode comps = nd.putArray("components");
        for (float[] row : n.components()) {
            comps.add(floats(row));
        }
        nd.put("variances", floats(n.variances()));
        nd.put("mahalanobis_threshold", n.mahalanobisThreshold());
        nd.put("residual_threshold", n.residualThreshold());
        nd.put("space", n.space().name());
        ObjectNode prov = root.putObject("provenance");
        c.provenance().forEach(prov::put);
        ArrayNode w = root.putArray("weights");
        for (float[] p : c.network().parameters()) {
            w.add(floats(p));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a model file. */
    public static Classifier read(Path file) throws InputException {
        String src = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (IOException e) {
            throw new InputException(src, 0, "not a model file (invalid JSON): " + e.getMessage());
        }
        if (!"xlce-model".equals(root.path("format").asText())) {
            throw new InputException(src, 0, "not an xlce model file (no \"format\": \"xlce-model\")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InputException(src, 0, "model format version " + version + " not supported (this xlce reads version "
                + FORMAT_VERSION + ")");
        }
        try {
            EnergyGrid grid = new EnergyGrid(need(root, "/grid/start_ev", src).asDouble(), need(root, "/grid/step_ev", src).asDouble(),
                need(root, "/grid/count", src).asInt());
            ModelOptions opt = new ModelOptions(Network.Kind.valueOf(need(root, "/options/kind", src).asText()),
                need(root, "/options/pre_edge", src).asBoolean(), ModelOptions.Augment.valueOf(need(root, "/options/augment", src).asText()),
                need(root, "/options/epochs", src).asInt(), need(root, "/options/batch_size", src).asInt(),
                need(root, "/options/learning_rate", src).asDouble(), need(root, "/options/dropout", src).asDouble(),
                need(root, "/options/seed", src).asLong(), root.at("/options/balanced").asBoolean(false));
            Standardizer st = new Standardizer(floats(need(root, "/standardizer/mean", src)), floats(need(root, "/standardizer/std", src)));
            JsonNode components = need(root, "/novelty/components", src);
            float[][] comps = new float[components.size()][];
            for (int i = 0; i < comps.length; i++) {
                comps[i] = floats(components.get(i));
            }
            NoveltyDetector novelty = new NoveltyDetector(floats(need(root, "/novelty/mean", src)), comps, floats(need(root, "/novelty/variances", src)),
                need(root, "/novelty/mahalanobis_threshold", src).asDouble(), need(root, "/novelty/residual_threshold", src).asDouble(),
                NoveltyDetector.Space.valueOf(root.at("/novelty/space").asText("standardized")));
            String names = root.path("classes").toString();
            int classes;
            if (names.equals("[\"T4\",\"S5\",\"O6\"]")) {
                classes = 3;
            } else if (names.equals("[\"T4\",\"S5\",\"O6\",\"OTHER\"]")) {
                classes = 4;
            } else {
                throw new InputException(src, 0, "classes " + names + ": expected [T4, S5, O6] or [T4, S5, O6, OTHER]");
            }
            Network net = Network.of(opt.kind(), grid.count(), classes, opt.dropout(), 0);
            fill(net, need(root, "/weights", src), "weights", src);
            Map<String, String> prov = new LinkedHashMap<>();
            root.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            return new Classifier(need(root, "/element", src).asText(), grid, opt, st, net, novelty, prov);
        } catch (IllegalArgumentException e) {
            throw new InputException(src, 0, "corrupt model file: " + e.getMessage());
        }
    }

    /** Format name of a geometry model file (coordination number and distance). */
    public static final String GEOMETRY_FORMAT = "xlce-geometry-model";

    /** Writes a geometry model to {@code file} atomically. */
    public static void writeGeometry(GeometryModel m, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", GEOMETRY_FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("element", m.element());
        root.put("edge", "K");
        ObjectNode g = root.putObject("grid");
        g.put("start_ev", m.grid().startEv());
        g.put("step_ev", m.grid().stepEv());
        g.put("count", m.grid().count());
        ArrayNode bins = root.putArray("cn_bins");
        for (int b = 0; b < GeometryModel.bins(); b++) {
            bins.add(GeometryModel.binName(b));
        }
        ModelOptions o = m.options();
        ObjectNode opt = root.putObject("options");
        opt.put("kind", o.kind().name());
        opt.put("augment", o.augment().name());
        opt.put("epochs", o.epochs());
        opt.put("batch_size", o.batchSize());
        opt.put("learning_rate", o.learningRate());
        opt.put("dropout", o.dropout());
        opt.put("seed", o.seed());
        ObjectNode st = root.putObject("standardizer");
        st.put("mean", floats(m.standardizer().mean()));
        st.put("std", floats(m.standardizer().std()));
        ObjectNode dist = root.putObject("distance");
        dist.put("mean_angstrom", m.distanceMean());
        dist.put("std_angstrom", m.distanceStd());
        dist.put("calibration_residuals_angstrom", floats(m.residuals()));
        ObjectNode prov = root.putObject("provenance");
        m.provenance().forEach(prov::put);
        ArrayNode cw = root.putArray("cn_weights");
        for (float[] p : m.cnNetwork().parameters()) {
            cw.add(floats(p));
        }
        ArrayNode dw = root.putArray("distance_weights");
        for (float[] p : m.distanceNetwork().parameters()) {
            dw.add(floats(p));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a geometry model file. */
    public static GeometryModel readGeometry(Path file) throws InputException {
        String src = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (IOException e) {
            throw new InputException(src, 0, "not a geometry model file (invalid JSON): " + e.getMessage());
        }
        if (!GEOMETRY_FORMAT.equals(root.path("format").asText())) {
            throw new InputException(src, 0, "not an xlce geometry model file (no \"format\": \"" + GEOMETRY_FORMAT + "\")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InputException(src, 0, "geometry model format version " + version + " not supported (this xlce reads version "
                + FORMAT_VERSION + ")");
        }
        try {
            EnergyGrid grid = new EnergyGrid(need(root, "/grid/start_ev", src).asDouble(), need(root, "/grid/step_ev", src).asDouble(),
                need(root, "/grid/count", src).asInt());
            int bins = need(root, "/cn_bins", src).size();
            if (bins != GeometryModel.bins()) {
                throw new InputException(src, 0, bins + " CN bins, this xlce reads " + GeometryModel.bins());
            }
            ModelOptions opt = new ModelOptions(Network.Kind.valueOf(need(root, "/options/kind", src).asText()), false,
                ModelOptions.Augment.valueOf(need(root, "/options/augment", src).asText()), need(root, "/options/epochs", src).asInt(),
                need(root, "/options/batch_size", src).asInt(), need(root, "/options/learning_rate", src).asDouble(),
                need(root, "/options/dropout", src).asDouble(), need(root, "/options/seed", src).asLong(), false);
            Standardizer st = new Standardizer(floats(need(root, "/standardizer/mean", src)), floats(need(root, "/standardizer/std", src)));
            Network cn = Network.of(opt.kind(), grid.count(), bins, opt.dropout(), 0);
            Network dist = Network.of(opt.kind(), grid.count(), 1, opt.dropout(), 0);
            fill(cn, need(root, "/cn_weights", src), "cn_weights", src);
            fill(dist, need(root, "/distance_weights", src), "distance_weights", src);
            Map<String, String> prov = new LinkedHashMap<>();
            root.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            return new GeometryModel(need(root, "/element", src).asText(), grid, opt, st, cn, dist,
                need(root, "/distance/mean_angstrom", src).asDouble(), need(root, "/distance/std_angstrom", src).asDouble(),
                floats(need(root, "/distance/calibration_residuals_angstrom", src)), prov);
        } catch (IllegalArgumentException e) {
            throw new InputException(src, 0, "corrupt geometry model file: " + e.getMessage());
        }
    }

    private static void fill(Network net, JsonNode w, String name, String src) throws InputException {
        List<float[]> params = net.parameters();
        if (w.size() != params.size()) {
            throw new InputException(src, 0, name + ": " + w.size() + " arrays, the " + net.kind() + " needs " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            float[] v = floats(w.get(i));
            if (v.length != params.get(i).length) {
                throw new InputException(src, 0, name + "[" + i + "]: " + v.length + " values, expected " + params.get(i).length);
            }
            System.arraycopy(v, 0, params.get(i), 0, v.length);
        }
    }

    /** The node at a JSON pointer, or an InputException naming the missing field. */
    static JsonNode need(JsonNode root, String pointer, String src) throws InputException {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw new InputException(src, 0, "incomplete model file: no " + pointer.substring(1).replace('/', '.'));
        }
        return n;
    }

    static String floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] floats(JsonNode n) {
        byte[] bytes = Base64.getDecoder().decode(n.asText());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }
}
