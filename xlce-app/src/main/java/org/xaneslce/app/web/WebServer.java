package org.xaneslce.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.xaneslce.api.EvidenceService;
import org.xaneslce.api.ModelCatalog;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionRecord;
import org.xaneslce.api.PredictionWriter;
import org.xaneslce.io.InputException;
import org.xaneslce.spectrum.io.ReadOptions;

/**
 * {@code xlce serve}: the web page and its JSON API, a thin shell over the core API (predict,
 * evidence, model catalog). Uploads are parsed in memory and never touch a path the client names;
 * requests are bounded in size ({@code maxUploadBytes}, 413 above) and served by a bounded pool.
 *
 * <ul>
 * <li>{@code GET /} and {@code GET /model/{id}}: the page (static, plots drawn in the browser as SVG);</li>
 * <li>{@code POST /api/predict} (multipart: {@code file}, repeatable; optional {@code element},
 * {@code edge}, {@code energy}, {@code mu}): the predict JSON array, each object with its
 * {@code spectrum} on the model grid;</li>
 * <li>{@code GET /api/models}, {@code GET /api/models/{id}}: the model catalog;</li>
 * <li>{@code GET /api/classes?element=Cu}: class-mean training spectra with their spread;</li>
 * <li>{@code GET /api/neighbours?element=Cu&mu=v1,v2,...&k=5}: the nearest training spectra.</li>
 * </ul>
 *
 * Errors are JSON {@code {"status", "error"}}: 400 for a bad request or file, 404, 405, 413.
 */
public final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredictService predict;
    private final EvidenceService evidence;
    private final long maxUploadBytes;
    private final Javalin app;
    private final Path cacheDir;
    /** The models' descriptions, read once: the models are fixed while the server runs (as predict's). */
    private volatile List<ModelCatalog.Model> catalog;

    /** Builds (does not start) the server. */
    public WebServer(PredictService predict, EvidenceService evidence, long maxUploadBytes, int threads) throws IOException {
        this.predict = predict;
        this.evidence = evidence;
        this.maxUploadBytes = maxUploadBytes;
        this.cacheDir = Files.createTempDirectory("xlce-upload");
        cacheDir.toFile().deleteOnExit();
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxUploadBytes + 65536;
            config.jetty.threadPool = new QueuedThreadPool(Math.max(4, threads), 2, 60_000);
            config.jetty.multipartConfig.cacheDirectory(cacheDir.toString());
            config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, maxUploadBytes), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + 65536, SizeUnit.BYTES);
        });
        routes();
    }

    private void routes() {
        app.get("/", ctx -> page(ctx));
        app.get("/model/{id}", ctx -> page(ctx));
        app.get("/static/{file}", this::staticFile);
        app.get("/api/models", ctx -> json(ctx, models(null)));
        app.get("/api/models/{id}", ctx -> {
            ArrayNode one = models(ctx.pathParam("id"));
            if (one.isEmpty()) {
                throw new HttpResponseException(404, "no model '" + ctx.pathParam("id") + "'");
            }
            json(ctx, one.get(0));
        });
        app.before("/api/predict", ctx -> {
            if (ctx.contentLength() > maxUploadBytes + 65536) {
                throw new HttpResponseException(413, tooLarge());
            }
        });
        app.post("/api/predict", this::predict);
        app.get("/api/classes", this::classes);
        app.get("/api/neighbours", this::neighbours);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> {
            // Jetty's multipart parser: a part above the size limit.
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("exceeds")) {
                error(ctx, 413, tooLarge());
            } else {
                error(ctx, 400, "bad request: " + e.getMessage());
            }
        });
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e.getClass().getSimpleName()));
        app.error(404, ctx -> {
            if (!ctx.result().startsWith("{")) {
                error(ctx, 404, "not found: " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path()));
    }

    private String tooLarge() {
        return String.format(Locale.ROOT, "upload larger than %.1f MB (start the server with --max-upload-mb to allow more)", maxUploadBytes / 1048576.0);
    }

    /** Starts on {@code host}:{@code port} (0: any free port); returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        try (var s = Files.walk(cacheDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // The upload cache is a private temporary folder; leaving it is harmless.
        }
    }

    private void page(Context ctx) throws IOException {
        ctx.contentType("text/html; charset=utf-8").result(resource("index.html"));
    }

    private void staticFile(Context ctx) throws IOException {
        String f = ctx.pathParam("file");
        if (!f.matches("[a-z]+\\.(js|css)")) {
            throw new HttpResponseException(404, "not found: " + ctx.path());
        }
        byte[] b = resource(f);
        if (b == null) {
            throw new HttpResponseException(404, "not found: " + ctx.path());
        }
        ctx.contentType(f.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8").result(b);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream("/org/xaneslce/web/" + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private void predict(Context ctx) throws IOException {
        if (!String.valueOf(ctx.contentType()).startsWith("multipart/form-data")) {
            throw new HttpResponseException(400, "send the spectrum as multipart/form-data with the field 'file'");
        }
        List<UploadedFile> files = ctx.uploadedFiles("file");
        if (files.isEmpty()) {
            throw new HttpResponseException(400, "no file: send the spectrum in the multipart field 'file'");
        }
        ReadOptions options;
        try {
            options = ReadOptions.of(ctx.formParam("energy"), ctx.formParam("mu"), ctx.formParam("element"), ctx.formParam("edge"));
        } catch (IllegalArgumentException e) {
            throw new HttpResponseException(400, e.getMessage());
        }
        double coverage;
        try {
            coverage = ctx.formParam("coverage") == null ? 0.9 : Double.parseDouble(ctx.formParam("coverage"));
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "coverage must be a number between 0 and 1");
        }
        if (!(coverage > 0 && coverage < 1)) {
            throw new HttpResponseException(400, "coverage must lie between 0 and 1");
        }
        org.xaneslce.predict.Predictor.Placement placement;
        try {
            placement = ctx.formParam("energy_scale") == null ? org.xaneslce.predict.Predictor.DEFAULT_PLACEMENT
                : org.xaneslce.predict.Predictor.Placement.parse(ctx.formParam("energy_scale"));
        } catch (IllegalArgumentException e) {
            throw new HttpResponseException(400, "energy_scale must be auto, calibrated or align");
        }
        List<PredictionRecord> out = new ArrayList<>();
        for (UploadedFile f : files) {
            if (f.size() > maxUploadBytes) {
                throw new HttpResponseException(413, tooLarge());
            }
            byte[] bytes;
            try (InputStream in = f.content()) {
                bytes = in.readNBytes((int) Math.min(maxUploadBytes + 1, Integer.MAX_VALUE));
            }
            out.addAll(predict.predictBytes(f.filename(), bytes, options, coverage, placement));
        }
        boolean anyOk = out.stream().anyMatch(PredictionRecord::ok);
        ctx.status(anyOk ? 200 : 400).contentType("application/json").result(PredictionWriter.jsonWithSpectra(out));
    }

    private void classes(Context ctx) throws JsonProcessingException {
        String el = required(ctx, "element");
        Optional<EvidenceService.Classes> c;
        try {
            c = evidence.classes(el);
        } catch (InputException e) {
            throw new HttpResponseException(500, "cannot read the " + el + " training spectra");
        }
        if (c.isEmpty()) {
            throw new HttpResponseException(404, "no training spectra of '" + el + "'");
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("element", el);
        o.put("level_of_theory", c.get().levelOfTheory());
        o.set("energy_ev", JSON.valueToTree(c.get().energies()));
        ArrayNode a = o.putArray("classes");
        for (EvidenceService.ClassCurve cc : c.get().classes()) {
            ObjectNode x = a.addObject();
            x.put("class", cc.coordinationClass());
            x.put("count", cc.count());
            x.set("mean", JSON.valueToTree(round(cc.mean())));
            x.set("sd", JSON.valueToTree(round(cc.sd())));
        }
        json(ctx, o);
    }

    private void neighbours(Context ctx) throws JsonProcessingException {
        String el = required(ctx, "element");
        String[] parts = required(ctx, "mu").split(",");
        float[] mu = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                mu[i] = Float.parseFloat(parts[i].trim());
                if (!Float.isFinite(mu[i])) {
                    throw new NumberFormatException(parts[i]);
                }
            }
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "mu must be comma-separated finite numbers");
        }
        int k;
        try {
            k = Integer.parseInt(Optional.ofNullable(ctx.queryParam("k")).orElse("5"));
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "k must be a whole number");
        }
        if (k < 1 || k > 50) {
            throw new HttpResponseException(400, "k must be 1..50");
        }
        List<EvidenceService.Neighbour> n;
        try {
            n = evidence.neighbours(el, mu, k);
        } catch (InputException e) {
            throw new HttpResponseException(e.getMessage().contains("no training spectra") ? 404 : 400,
                e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).message());
        }
        ArrayNode a = JSON.createArrayNode();
        for (EvidenceService.Neighbour x : n) {
            ObjectNode o = a.addObject();
            o.put("material", x.material());
            o.put("formula", x.formula());
            o.put("site", x.site());
            o.put("class", x.coordinationClass());
            o.put("label", x.label());
            o.put("csm", Math.round(x.csm() * 1e4) / 1e4);
            o.put("similarity", Math.round(x.similarity() * 1e4) / 1e4);
            o.set("mu", JSON.valueToTree(x.mu()));
        }
        json(ctx, a);
    }

    private ArrayNode models(String key) throws InputException {
        ArrayNode a = JSON.createArrayNode();
        List<ModelCatalog.Model> all = catalog;
        if (all == null) {
            all = ModelCatalog.list(predict.modelsDir());
            catalog = all;
        }
        for (ModelCatalog.Model m : all) {
            if (key != null && !m.id().equals(key) && !(m.element() + "-" + m.kind()).equals(key)) {
                continue;
            }
            ObjectNode o = a.addObject();
            o.put("id", m.id());
            o.put("element", m.element());
            o.put("kind", m.kind());
            o.put("level_of_theory", m.levelOfTheory());
            o.put("grid", m.grid());
            m.classes().forEach(o.putArray("classes")::add);
            if (Double.isFinite(m.paperF1())) {
                o.put("paper_macro_f1", m.paperF1());
            }
            ObjectNode ev = o.putObject("evaluation");
            for (Map.Entry<String, ModelCatalog.Evaluation> e : m.evaluation().entrySet()) {
                ObjectNode x = ev.putObject(e.getKey());
                x.put("macro_f1", e.getValue().macroF1());
                x.put("macro_f1_std", e.getValue().macroF1Std());
                x.set("confusion", JSON.valueToTree(e.getValue().confusion()));
            }
            o.put("ensemble_members", m.ensembleMembers());
            o.put("geometry_model", m.geometry());
            if (m.calibration() != null) {
                org.xaneslce.trust.TrustModel.Report r = m.calibration().report();
                ObjectNode c = o.putObject("calibration");
                c.put("way", m.calibration().way());
                c.put("spectra", r.spectra());
                c.put("mean_temperature", r.meanTemperature());
                c.put("ece_before", r.eceBefore());
                c.put("ece_after", r.eceAfter());
                c.put("ece_floor", r.eceFloor());
                ObjectNode cov = c.putObject("coverage");
                ObjectNode size = c.putObject("set_size");
                for (int i = 0; i < org.xaneslce.trust.TrustModel.COVERAGES.length; i++) {
                    String level = Double.toString(org.xaneslce.trust.TrustModel.COVERAGES[i]);
                    cov.put(level, r.coverage()[i]);
                    size.put(level, r.setSize()[i]);
                }
            } else {
                o.putNull("calibration");
            }
            ObjectNode p = o.putObject("provenance");
            m.provenance().forEach(p::put);
        }
        return a;
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new HttpResponseException(400, "the query parameter '" + name + "' is required");
        }
        return v;
    }

    private static double[] round(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Math.round(v[i] * 1e5) / 1e5;
        }
        return o;
    }

    private static void json(Context ctx, Object node) throws JsonProcessingException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(node));
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        o.put("error", message);
        ctx.status(status).contentType("application/json").result(o.toString());
    }
}
