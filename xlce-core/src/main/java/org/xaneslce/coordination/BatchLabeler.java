package org.xaneslce.coordination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.xaneslce.io.InputException;
import org.xaneslce.io.Problem;
import org.xaneslce.structure.Element;
import org.xaneslce.structure.NeighbourFinder;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.FeffInpReader;
import org.xaneslce.structure.io.StructureFormats;

/**
 * Labels the sites of many structure files: files are read and labelled in parallel, results come
 * back in input order, and every file or site that could not be labelled is kept as a
 * {@link Problem}, never dropped.
 */
public final class BatchLabeler {
    /**
     * Which sites to label.
     *
     * @param sites 0-based site indices; empty for every matching site
     * @param elements elements to label; empty for every 3d transition metal (Sc..Zn)
     */
    public record Selection(Set<Integer> sites, Set<String> elements) {
        public Selection {
            sites = Set.copyOf(sites);
            Set<String> canonical = new java.util.TreeSet<>();
            for (String e : elements) {
                canonical.add(Element.canonical(e).orElseThrow(() -> new IllegalArgumentException("unknown element '" + e + "'")));
            }
            elements = Set.copyOf(canonical);
        }

        /** Every 3d-metal site. */
        public static Selection all3dMetals() {
            return new Selection(Set.of(), Set.of());
        }

        boolean wantsElement(String element) {
            return elements.isEmpty() ? Element.is3dMetal(element) : elements.contains(element);
        }
    }

    /**
     * What became of one file.
     *
     * @param file the file
     * @param labels the sites labelled
     * @param problems why the file, or some of its sites, could not be labelled
     * @param readFailed true when the file itself could not be read
     */
    public record FileResult(Path file, List<SiteLabel> labels, List<Problem> problems, boolean readFailed) {
        public FileResult {
            labels = List.copyOf(labels);
            problems = List.copyOf(problems);
        }
    }

    private final CoordinationLabeler labeler;
    private final Selection selection;

    /** A batch labeller. */
    public BatchLabeler(CoordinationLabeler labeler, Selection selection) {
        this.labeler = labeler;
        this.selection = selection;
    }

    /**
     * The structure files named by {@code inputs}: files as given, folders walked recursively for
     * names the structure registry recognises, sorted for a stable order.
     */
    public static List<Path> expand(List<Path> inputs) throws InputException {
        Expansion e = expandAll(inputs);
        if (!e.problems().isEmpty()) {
            throw new InputException(e.problems());
        }
        return e.files();
    }

    /** The files found and the inputs that could not be used (missing, unlistable), for runs that go on past them. */
    public record Expansion(List<Path> files, List<Problem> problems) {
    }

    /** As {@link #expand}, but bad paths are returned as problems instead of stopping. */
    public static Expansion expandAll(List<Path> inputs) {
        List<Path> out = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).filter(StructureFormats::looksLikeStructure).sorted().forEach(out::add);
                } catch (IOException | UncheckedIOException e) {
                    missing.add(new Problem(in.toString(), 0, "cannot list folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(in)) {
                out.add(in);
            } else {
                missing.add(new Problem(in.toString(), 0, "no such file or folder"));
            }
        }
        return new Expansion(out, missing);
    }

    /** Labels one file. */
    public FileResult labelFile(Path file) {
        Structure s;
        try {
            s = StructureFormats.read(file);
        } catch (InputException e) {
            return new FileResult(file, List.of(), e.problems(), true);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            return new FileResult(file, List.of(), List.of(new Problem(file.toString(), 0, "cannot read: " + e.getMessage())), true);
        }
        NeighbourFinder finder = new NeighbourFinder(s);
        List<SiteLabel> labels = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        if (!s.isPeriodic()) {
            // A FEFF cluster: its absorber is the site of interest.
            indices.add(FeffInpReader.absorberIndex(s));
        } else if (!selection.sites().isEmpty()) {
            indices.addAll(new java.util.TreeSet<>(selection.sites()));
        } else {
            for (int i = 0; i < s.size(); i++) {
                if (selection.wantsElement(s.site(i).element())) {
                    indices.add(i);
                }
            }
        }
        for (int i : indices) {
            try {
                if (i < 0 || i >= s.size()) {
                    throw new InputException(file.toString(), 0, "site " + i + " does not exist (" + s.size() + " sites)");
                }
                String el = s.site(i).element();
                if (!selection.elements().isEmpty() && !selection.elements().contains(el)) {
                    throw new InputException(file.toString(), 0, "site " + i + " of " + s.id() + " is " + el
                        + ", not " + String.join(" or ", selection.elements()));
                }
                labels.add(labeler.label(finder, i));
            } catch (InputException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
                problems.add(new Problem(file.toString(), 0, "site " + i + ": " + e.getMessage()));
            }
        }
        return new FileResult(file, labels, problems, false);
    }

    /**
     * Labels every file with {@code threads} workers; {@code sink} receives results in input
     * order as they complete.
     */
    public void run(List<Path> files, int threads, Consumer<FileResult> sink) {
        if (threads <= 1) {
            for (Path f : files) {
                sink.accept(labelFile(f));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "xlce-label");
            t.setDaemon(true);
            return t;
        });
        try {
            int window = threads * 64;
            List<Future<FileResult>> pending = new ArrayList<>();
            int next = 0;
            for (int done = 0; done < files.size(); done++) {
                while (next < files.size() && pending.size() - done < window) {
                    Path f = files.get(next++);
                    pending.add(pool.submit(() -> labelFile(f)));
                }
                sink.accept(pending.get(done).get());
                pending.set(done, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
