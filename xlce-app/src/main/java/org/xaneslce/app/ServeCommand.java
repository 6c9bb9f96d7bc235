package org.xaneslce.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.xaneslce.api.EvidenceService;
import org.xaneslce.api.PredictService;
import org.xaneslce.app.web.WebServer;
import org.xaneslce.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xlce serve}: the web page on loopback (or --host). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the web page: drop a measured spectrum, see the class, the evidence and the nearest training spectra.",
        "Binds 127.0.0.1 unless --host says otherwise; uploads are parsed in memory, at most --max-upload-mb each."})
final class ServeCommand extends XlceCommand {
    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
    String host;

    @Option(names = "--models", description = "Folder of model files (default: models/ of the installation).")
    Path models;

    @Option(names = "--model", defaultValue = "cnn", description = "mlp or cnn (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--datasets", description = "Base datasets for the evidence (default: data/dataset of the installation).")
    Path datasets;

    @Option(names = "--max-upload-mb", defaultValue = "5", description = "Largest upload, MB (default ${DEFAULT-VALUE}).")
    double maxUploadMb;

    @Option(names = "--threads", defaultValue = "16", description = "Most requests served at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    protected Integer run(PrintWriter out, PrintWriter err) throws Exception {
        if (maxUploadMb <= 0 || threads < 1 || port < 0 || port > 65535) {
            err.println("xlce serve: --max-upload-mb must be positive, --threads at least 1, --port 0..65535");
            return 2;
        }
        PredictService p;
        try {
            p = PredictService.load(Optional.ofNullable(models), kind);
        } catch (InputException e) {
            err.println("xlce serve: " + e.getMessage());
            return 2;
        }
        EvidenceService ev = EvidenceService.load(Optional.ofNullable(datasets));
        WebServer server = new WebServer(p, ev, (long) (maxUploadMb * 1048576), threads);
        int bound;
        try {
            bound = server.start(host, port);
        } catch (RuntimeException e) {
            err.println("xlce serve: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); try another --port");
            return 1;
        }
        out.println("xlce serve: open http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound + "/ (Ctrl-C stops it;"
            + " models " + p.modelsDir() + ", evidence " + ev.dir() + ")");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
