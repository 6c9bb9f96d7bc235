package org.xaneslce.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.xaneslce.api.EvidenceService;
import org.xaneslce.api.PredictService;
import org.xaneslce.api.PredictionWriter;
import org.xaneslce.spectrum.io.ReadOptions;

/** The web API's answers and status codes, and the page in headless Chromium. */
class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WebServer server;
    private static PredictService predict;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static Path spectrum(String name) {
        return Paths.get("../xlce-core/src/test/resources/fixtures/spectra/" + name).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() throws Exception {
        org.xaneslce.api.Installation.anchor(WebServer.class);
        predict = PredictService.load(Optional.empty(), "cnn");
        server = new WebServer(predict, EvidenceService.load(Optional.empty()), 1 << 20, 8);
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A multipart/form-data body with one file field and optional text fields. */
    static HttpRequest upload(String name, byte[] content, String... fields) {
        String boundary = "xlceTestBoundary7MA4YWxk";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base + "/api/predict")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build();
    }

    static HttpResponse<String> send(HttpRequest r) throws Exception {
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    @Test
    void predict_returnsTheCommandLinesJson_plusTheSpectrumOnTheGrid() throws Exception {
        byte[] cuo = Files.readAllBytes(spectrum("CuO_tenorite_13K_01.xdi"));
        HttpResponse<String> r = send(upload("CuO_tenorite_13K_01.xdi", cuo));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode web = JSON.readTree(r.body()).get(0);
        JsonNode cli = JSON.readTree(PredictionWriter.json(predict.predictBytes("CuO_tenorite_13K_01.xdi", cuo, ReadOptions.NONE))).get(0);
        for (Iterator<String> it = cli.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            assertEquals(cli.get(k), web.get(k), k);
        }
        assertEquals(100, web.get("spectrum").get("mu").size());
        assertEquals(100, web.get("spectrum").get("energy_ev").size());
        HttpResponse<String> given = send(upload("plain.txt", Files.readAllBytes(spectrum("cu.xmu")), "element", "Cu", "edge", "K"));
        assertEquals("given", JSON.readTree(given.body()).get(0).get("absorber_source").asText());
    }

    @Test
    void statusCodes_400_404_405_413_asJson() throws Exception {
        HttpResponse<String> zn = send(upload("ZnO.xdi", "#XDI/1.1\n# Column.1: energy\n# Column.2: mutrans\n# Element.symbol: Zn\n#---\n9600 0.1\n9650 0.5\n9700 1\n"
            .getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, zn.statusCode());
        assertTrue(JSON.readTree(zn.body()).get(0).get("error").asText().startsWith("Zn K edge: no model"), zn.body());
        HttpResponse<String> noFile = send(HttpRequest.newBuilder(URI.create(base + "/api/predict")).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertEquals(400, noFile.statusCode());
        assertTrue(JSON.readTree(noFile.body()).get("error").asText().contains("multipart/form-data"), noFile.body());
        HttpResponse<String> badEl = send(upload("x.xdi", Files.readAllBytes(spectrum("cu.xmu")), "element", "Xx"));
        assertEquals(400, badEl.statusCode());
        assertTrue(badEl.body().contains("unknown element 'Xx'"), badEl.body());
        HttpResponse<String> big = send(upload("big.dat", new byte[(1 << 20) + 200_000]));
        assertEquals(413, big.statusCode());
        assertTrue(JSON.readTree(big.body()).get("error").asText().contains("upload larger than 1.0 MB"), big.body());
        HttpResponse<String> missing = get("/no/such/page");
        assertEquals(404, missing.statusCode());
        assertEquals(404, JSON.readTree(missing.body()).get("status").asInt());
        assertEquals(404, get("/api/models/Zn-cnn").statusCode());
        assertEquals(404, get("/api/classes?element=Zn").statusCode());
        assertEquals(400, get("/api/classes").statusCode());
        assertEquals(400, get("/api/neighbours?element=Cu&mu=1,2,3").statusCode());
        assertEquals(400, get("/api/neighbours?element=Cu&mu=a,b").statusCode());
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(base + "/api/predict")).GET().build());
        assertEquals(405, wrong.statusCode());
        assertTrue(JSON.readTree(wrong.body()).get("error").asText().contains("GET is not allowed on /api/predict"), wrong.body());
        HttpResponse<String> traversal = get("/static/..%2F..%2Fpom.xml");
        assertTrue(traversal.statusCode() == 400 || traversal.statusCode() == 404, "no path from the client reaches the file system");
        assertTrue(!traversal.body().contains("<project"), traversal.body());
    }

    @Test
    void models_classes_andNeighbours() throws Exception {
        JsonNode models = JSON.readTree(get("/api/models").body());
        assertEquals(16, models.size(), "8 absorbers x 2 kinds");
        JsonNode open = JSON.readTree(get("/api/models/Cu-cnn").body());
        assertTrue(open.get("id").asText().startsWith("Cu-cnn@"));
        assertEquals("[\"T4\",\"S5\",\"O6\",\"OTHER\"]", open.get("classes").toString(), "the shipped Cu CNN is open-set");
        assertEquals(0, open.get("evaluation").size(), "the reproduction run judges three-class models, not this one");
        assertEquals(5, open.get("ensemble_members").asInt());
        assertTrue(open.get("geometry_model").asBoolean());
        JsonNode cal = open.get("calibration");
        assertTrue(cal.get("way").asText().contains("5 members"), cal.toString());
        assertEquals(3368, cal.get("spectra").asInt());
        assertTrue(cal.get("ece_after").asDouble() < cal.get("ece_before").asDouble(), cal.toString());
        assertEquals(0.9, cal.get("coverage").get("0.9").asDouble(), 0.02, "coverage as measured on held-out folds");
        JsonNode cu = JSON.readTree(get("/api/models/Cu-mlp").body());
        assertEquals("[\"T4\",\"S5\",\"O6\"]", cu.get("classes").toString());
        assertEquals(0.86, cu.get("paper_macro_f1").asDouble(), 1e-9);
        JsonNode conf = cu.get("evaluation").get("stratified").get("confusion");
        int total = 0;
        for (JsonNode row : conf) {
            for (JsonNode v : row) {
                total += v.asInt();
            }
        }
        assertEquals(927, total, "every Cu spectrum once in the summed test folds");
        JsonNode classes = JSON.readTree(get("/api/classes?element=Cu").body());
        assertEquals(4, classes.get("classes").size(), "the open-set dataset the shipped CNN learnt: T4, S5, O6, OTHER");
        assertEquals(282, classes.get("classes").get(0).get("count").asInt(), "T4 spectra of the open-set Cu dataset");
        assertEquals(2451, classes.get("classes").get(3).get("count").asInt(), "OTHER spectra of the open-set Cu dataset");
        JsonNode pred = JSON.readTree(send(upload("CuO.xdi", Files.readAllBytes(spectrum("CuO_tenorite_13K_01.xdi")))).body()).get(0);
        List<String> mu = new ArrayList<>();
        pred.get("spectrum").get("mu").forEach(v -> mu.add(v.asText()));
        JsonNode n = JSON.readTree(get("/api/neighbours?element=Cu&k=3&mu=" + String.join(",", mu)).body());
        assertEquals(3, n.size());
        assertTrue(n.get(0).get("similarity").asDouble() >= n.get(1).get("similarity").asDouble());
        assertTrue(n.get(0).get("formula").asText().length() > 0, "formulas are bundled: " + n.get(0));
        assertTrue(n.get(0).get("material").asText().startsWith("mp-") || n.get(0).get("material").asText().startsWith("mvc-"));
    }

    @Test
    void browser_dropsAFixture_showsPlotAndAnswer_withoutConsoleErrors() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
            "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1400",
            "--user-data-dir=" + Files.createTempDirectory("xlce-chrome"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
            .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        try {
            d.get(base + "/");
            WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(30));
            wait.until(x -> x.findElements(By.cssSelector("#model-list li")).size() == 16);
            // A real drop: a DragEvent carrying the fixture's bytes as a File lands on the drop zone.
            String text = Files.readString(spectrum("CuO_tenorite_13K_01.xdi"));
            d.executeScript("const dt = new DataTransfer(); dt.items.add(new File([arguments[0]], 'CuO_tenorite_13K_01.xdi'));"
                + "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));", text);
            wait.until(x -> x.findElements(By.cssSelector("#plot path.class-mean")).size() == 4
                && x.findElements(By.id("spectrum-line")).size() == 1
                && x.findElements(By.cssSelector("#neighbours tbody tr")).size() == 5);
            String answer = d.findElement(By.id("answer")).getText();
            assertTrue(answer.contains("Class: OTHER") && answer.contains("Cu-cnn@"), answer);
            assertTrue(answer.contains("Conformal set"), "the calibrated model's set is shown: " + answer);
            assertTrue(d.findElement(By.id("result-table")).getText().contains("CuO_tenorite_13K_01.xdi"));
            d.findElement(By.cssSelector("#neighbours tbody tr input")).click();
            wait.until(x -> x.findElements(By.cssSelector("#plot path[stroke-dasharray]")).size() == 1);
            byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/web-page.png"), png);
            // Choosing a file works as dropping one: the next answer replaces the table.
            WebElement input = d.findElement(By.id("file"));
            d.executeScript("arguments[0].hidden = false;", input);
            input.sendKeys(spectrum("cu.xmu").toString());
            wait.until(x -> x.findElement(By.id("result-table")).getText().contains("cu.xmu")
                && x.findElement(By.id("detail-title")).getText().equals("cu.xmu"));
            d.get(base + "/model/Cu-mlp");
            wait.until(x -> x.findElements(By.cssSelector("#confusion tbody tr")).size() == 3);
            assertTrue(d.findElement(By.id("table2")).getText().contains("0.86"));
            d.get(base + "/model/Cu-cnn");
            wait.until(x -> x.findElements(By.cssSelector("#calibration tbody tr")).size() == 1);
            String cal = d.findElement(By.id("calibration")).getText();
            assertTrue(cal.contains("cross-fit, ece+top, 5 members") && cal.contains("3368"), cal);
            List<String> errors = new ArrayList<>();
            for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(List.of(), errors, "no console errors");
        } finally {
            d.quit();
        }
    }

    @Test
    void load_8clientsX200uploads_noErrors() throws Exception {
        byte[][] files = {Files.readAllBytes(spectrum("CuO_tenorite_13K_01.xdi")), Files.readAllBytes(spectrum("cu.xmu")),
            Files.readAllBytes(spectrum("co_metal_rt.xdi"))};
        String[] names = {"CuO.xdi", "cu.xmu", "co.xdi"};
        int clients = 8;
        int each = 200;
        long[] latencies = new long[clients * each];
        int[] errors = new int[1];
        java.lang.management.MemoryMXBean mem = java.lang.management.ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        int k = (client + i) % files.length;
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> r = send(upload(names[k], files[k]));
                            if (r.statusCode() != 200 || !r.body().contains("\"class\"")) {
                                synchronized (errors) {
                                    errors[0]++;
                                }
                            }
                        } catch (Exception e) {
                            synchronized (errors) {
                                errors[0]++;
                            }
                        }
                        latencies[client * each + i] = System.nanoTime() - s;
                        synchronized (peak) {
                            peak[0] = Math.max(peak[0], mem.getHeapMemoryUsage().getUsed());
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(java.util.Locale.ROOT, "load: %d clients x %d uploads in %.1f s (%.0f requests/s), errors %d, latency p50 %.1f ms,"
            + " p95 %.1f ms, max %.1f ms; peak heap in use %.0f MB (server and clients in one JVM)%n", clients, each, secs,
            clients * each / secs, errors[0], sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.95)] / 1e6,
            sorted[sorted.length - 1] / 1e6, peak[0] / 1048576.0);
        assertEquals(0, errors[0], "every upload answered 200 with a class");
    }

    @Test
    void upload_ofABeamlineScan_takesTheColumnChoicesOfTheForm() throws Exception {
        Path zoo = Paths.get("../../shared/data/reader-zoo/spec/Ce-foil_EXAFS_23315.dat").toAbsolutePath().normalize();
        assumeTrue(Files.exists(zoo), "needs ../shared/data/reader-zoo");
        byte[] scan = Files.readAllBytes(zoo);
        HttpResponse<String> none = send(upload("scan.dat", scan));
        assertEquals(400, none.statusCode());
        assertTrue(JSON.readTree(none.body()).get(0).get("error").asText().contains("give --mu"), none.body());
        HttpResponse<String> chosen = send(upload("scan.dat", scan, "energy", "mono1_energy_acs", "mu", "ln(albaem02_ch1/albaem02_ch3)"));
        assertTrue(JSON.readTree(chosen.body()).get(0).get("error").asText().contains("near Ce L3 (5723 eV)"), chosen.body());
    }
}
