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
        ObjectNode root = header("xlce-model", c.element(), c.grid());
        ArrayNode classes = root.putArray("classes");
        for (var k : c.classList()) {
            classes.add(k.name());
        }
        putOptions(root, c.options(), c.standardizer());
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
        putWeights(root, "weights", c.network());
        writeAtomically(root, file);
    }

    /** Reads a model file. */
    public static Classifier read(Path file) throws InputException {
        String src = file.toString();
        JsonNode root = readRoot(file, "xlce-model", "model");
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

    /** Format name of an ensemble file (the members beyond the shipped model). */
    public static final String ENSEMBLE_FORMAT = "xlce-ensemble";

    /** The ensemble file beside a model file: Cu-cnn.json -> Cu-cnn.ensemble.json. */
    public static Path ensembleFileFor(Path model) {
        String n = model.getFileName().toString();
        return model.resolveSibling(n.substring(0, n.length() - ".json".length()) + ".ensemble.json");
    }

    /**
     * Writes members 1.. of {@code e} beside {@code model} (member 0 is the model file itself, whose
     * SHA-256 the file records): per member its seed, standardization and weights, the weights in
     * IEEE half precision (half the size; the ensemble's mean and spread stay within 5e-3 of full
     * precision, EnsembleTest); the novelty detector and provenance are the model's. Atomic.
     */
    public static void writeEnsemble(Ensemble e, Path model) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ENSEMBLE_FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("element", e.members().get(0).element());
        root.put("model_sha256", org.xaneslce.util.Sha256.of(Files.readAllBytes(model)));
        root.put("members", e.members().size());
        ArrayNode extra = root.putArray("extra_members");
        for (Classifier c : e.members().subList(1, e.members().size())) {
            ObjectNode m = extra.addObject();
            m.put("seed", c.options().seed());
            m.put("training_spectra", c.provenance().getOrDefault("training_spectra", ""));
            ObjectNode st = m.putObject("standardizer");
            st.put("mean", floats(c.standardizer().mean()));
            st.put("std", floats(c.standardizer().std()));
            ArrayNode w = m.putArray("weights_float16");
            for (float[] p : c.network().parameters()) {
                w.add(halves(p));
            }
        }
        writeAtomically(root, ensembleFileFor(model));
    }

    /**
     * The ensemble of {@code main} (read from {@code model}) and the members in the file beside it,
     * if there is one; a file written for another version of the model is refused.
     */
    public static java.util.Optional<Ensemble> readEnsemble(Path model, Classifier main) throws InputException {
        Path f = ensembleFileFor(model);
        if (!Files.exists(f)) {
            return java.util.Optional.empty();
        }
        String src = f.toString();
        JsonNode root = readRoot(f, ENSEMBLE_FORMAT, "ensemble");
        try {
            String sha = need(root, "/model_sha256", src).asText();
            if (!sha.equals(org.xaneslce.util.Sha256.of(Files.readAllBytes(model)))) {
                throw new InputException(src, 0, "ensemble written for another version of " + model.getFileName()
                    + " (model_sha256 differs); retrain it (xlce train --members) or delete it");
            }
        } catch (IOException e) {
            throw new InputException(model.toString(), 0, "cannot read: " + e.getMessage());
        }
        List<Classifier> members = new java.util.ArrayList<>();
        members.add(main);
        JsonNode extra = need(root, "/extra_members", src);
        try {
            for (int i = 0; i < extra.size(); i++) {
                JsonNode m = extra.get(i);
                ModelOptions o = main.options().withSeed(need(m, "/seed", src).asLong());
                Standardizer st = new Standardizer(floats(need(m, "/standardizer/mean", src)), floats(need(m, "/standardizer/std", src)));
                Network net = Network.of(o.kind(), main.grid().count(), main.classList().length, o.dropout(), 0);
                JsonNode hw = need(m, "/weights_float16", src);
                List<float[]> params = net.parameters();
                if (hw.size() != params.size()) {
                    throw new InputException(src, 0, "extra_members[" + i + "]: " + hw.size() + " weight arrays, the " + o.kind() + " needs "
                        + params.size());
                }
                for (int j = 0; j < params.size(); j++) {
                    float[] v = halves(hw.get(j));
                    if (v.length != params.get(j).length) {
                        throw new InputException(src, 0, "extra_members[" + i + "].weights_float16[" + j + "]: " + v.length + " values, expected "
                            + params.get(j).length);
                    }
                    System.arraycopy(v, 0, params.get(j), 0, v.length);
                }
                Map<String, String> prov = new LinkedHashMap<>(main.provenance());
                prov.put("ensemble_member", Integer.toString(i + 1));
                prov.put("training_spectra", m.path("training_spectra").asText(""));
                members.add(new Classifier(main.element(), main.grid(), o, st, net, main.novelty(), prov));
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(src, 0, "corrupt ensemble file: " + e.getMessage());
        }
        if (members.size() != root.path("members").asInt(-1)) {
            throw new InputException(src, 0, "says " + root.path("members").asInt(-1) + " members, holds " + members.size());
        }
        return java.util.Optional.of(new Ensemble(members));
    }

    /** Format name of a geometry model file (coordination number and distance). */
    public static final String GEOMETRY_FORMAT = "xlce-geometry-model";

    /** Writes a geometry model to {@code file} atomically. */
    public static void writeGeometry(GeometryModel m, Path file) throws IOException {
        ObjectNode root = header(GEOMETRY_FORMAT, m.element(), m.grid());
        ArrayNode bins = root.putArray("cn_bins");
        for (int b = 0; b < GeometryModel.bins(); b++) {
            bins.add(GeometryModel.binName(b));
        }
        putOptions(root, m.options(), m.standardizer());
        ObjectNode dist = root.putObject("distance");
        dist.put("mean_angstrom", m.distanceMean());
        dist.put("std_angstrom", m.distanceStd());
        dist.put("calibration_residuals_angstrom", floats(m.residuals()));
        ObjectNode prov = root.putObject("provenance");
        m.provenance().forEach(prov::put);
        putWeights(root, "cn_weights", m.cnNetwork());
        putWeights(root, "distance_weights", m.distanceNetwork());
        writeAtomically(root, file);
    }

    /** Reads a geometry model file. */
    public static GeometryModel readGeometry(Path file) throws InputException {
        String src = file.toString();
        JsonNode root = readRoot(file, GEOMETRY_FORMAT, "geometry model");
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

    /** A file's root object with format, version, absorber, edge and grid. */
    private static ObjectNode header(String format, String element, EnergyGrid grid) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("format_version", FORMAT_VERSION);
        root.put("element", element);
        root.put("edge", "K");
        ObjectNode g = root.putObject("grid");
        g.put("start_ev", grid.startEv());
        g.put("step_ev", grid.stepEv());
        g.put("count", grid.count());
        return root;
    }

    /** The training options and the input standardization. */
    private static void putOptions(ObjectNode root, ModelOptions o, Standardizer standardizer) {
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
        st.put("mean", floats(standardizer.mean()));
        st.put("std", floats(standardizer.std()));
    }

    private static void putWeights(ObjectNode root, String name, Network net) {
        ArrayNode w = root.putArray(name);
        for (float[] p : net.parameters()) {
            w.add(floats(p));
        }
    }

    /** Writes {@code root} to a temporary file and moves it into place, so a crash leaves no partial file. */
    private static void writeAtomically(ObjectNode root, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The root of a JSON file of {@code format} ({@code what} names it in errors), its version checked. */
    private static JsonNode readRoot(Path file, String format, String what) throws InputException {
        String src = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (IOException e) {
            throw new InputException(src, 0, "not a" + (what.startsWith("e") ? "n " : " ") + what + " file (invalid JSON): " + e.getMessage());
        }
        if (!format.equals(root.path("format").asText())) {
            throw new InputException(src, 0, "not an xlce " + what + " file (no \"format\": \"" + format + "\")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new InputException(src, 0, what + " format version " + version + " not supported (this xlce reads version "
                + FORMAT_VERSION + ")");
        }
        return root;
    }

    /** The node at a JSON pointer, or an InputException naming the missing field. */
    static JsonNode need(JsonNode root, String pointer, String src) throws InputException {
        JsonNode n = root.at(pointer);
        if (n.isMissingNode() || n.isNull()) {
            throw new InputException(src, 0, "incomplete model file: no " + pointer.substring(1).replace('/', '.'));
        }
        return n;
    }

    /** Base64 of the little-endian IEEE 754 half-precision values of {@code v} (round to nearest even). */
    static String halves(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putShort(toHalf(f));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    static float[] halves(JsonNode n) {
        byte[] bytes = Base64.getDecoder().decode(n.asText());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = fromHalf(b.getShort());
        }
        return v;
    }

    /** IEEE 754 binary16 of {@code f}, rounded to nearest even; overflow gives infinity, NaN stays NaN. */
    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || rest == mid && (half & 1) == 1) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || rest == 0x1000 && (half & 1) == 1) {
            half++;
        }
        return (short) (sign | half);
    }

    /** The float of IEEE 754 binary16 {@code h} (exact). */
    static float fromHalf(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
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
