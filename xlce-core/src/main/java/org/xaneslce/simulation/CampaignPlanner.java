package org.xaneslce.simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.coordination.SiteLabel;
import org.xaneslce.dataset.PaperTables;
import org.xaneslce.io.InputException;
import org.xaneslce.structure.Structure;
import org.xaneslce.structure.io.StructureFormats;

/**
 * Label first, then aim: which sites to compute, per metal and class, to reach the paper's class
 * counts. Candidates are the labelled T4/S5/O6 sites of a structure collection that have no FEFF
 * 9-level spectrum yet; sites of one structure with the same cluster fingerprint count once (one
 * run serves them). The deficit is the paper's count less what the datasets hold at FEFF 9 level.
 */
public final class CampaignPlanner {
    /** The paper's class counts (Table I, from {@link PaperTables}): T4, S5, O6 per absorber, in the paper's order. */
    public static final Map<String, int[]> PAPER_COUNTS = paperCounts();

    /** The order in which deficits are filled (the FEFF10 issue): thin classes of Ti, Cr, Ni; Fe and Mn; V and Co. */
    public static final List<String> PRIORITY = List.of("Ti:T4", "Ti:S5", "Cr:S5", "Cr:T4", "Ni:S5", "Ni:T4", "Fe:T4", "Fe:S5", "Fe:O6",
        "Mn:T4", "Mn:S5", "Mn:O6", "V:T4", "V:S5", "Co:T4", "Co:S5", "Ti:O6", "Cr:O6", "Ni:O6", "V:O6", "Co:O6", "Cu:T4", "Cu:S5", "Cu:O6");

    /**
     * A site that could be computed.
     *
     * @param material material id
     * @param site 0-based site index
     * @param element absorber
     * @param coordinationClass its label's class
     * @param structureFile where its structure is
     */
    public record Candidate(String material, int site, String element, CoordinationClass coordinationClass, Path structureFile) {
        /** "mp-1_12". */
        public String id() {
            return material + "_" + site;
        }
    }

    /**
     * One line of the plan.
     *
     * @param element absorber
     * @param coordinationClass class
     * @param paper the paper's count
     * @param have sites the datasets hold at FEFF 9 level
     * @param available candidates without a FEFF 9-level spectrum (symmetry-distinct)
     * @param runs runs planned: min(deficit, available)
     * @param hours runs times the time per site, one core
     */
    public record Row(String element, CoordinationClass coordinationClass, int paper, int have, int available, int runs, double hours) {
    }

    /** What labelling the collection found. */
    public record Labelled(List<Candidate> candidates, int files, int filesRejected, int sites, int equivalentLeftOut) {
    }

    private CampaignPlanner() {
    }

    private static Map<String, int[]> paperCounts() {
        Map<String, int[]> m = new LinkedHashMap<>();
        PaperTables.rows().forEach((el, r) -> m.put(el, new int[] {r.t4(), r.s5(), r.o6()}));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Labels every 3d-metal site of {@code files} with the paper's rule and keeps the T4/S5/O6
     * sites, one per cluster fingerprint within a structure.
     */
    public static Labelled label(List<Path> files, BatchLabeler labeler, int threads) {
        List<Candidate> out = new ArrayList<>();
        int[] counts = new int[4];
        labeler.run(files, threads, r -> {
            counts[0]++;
            if (r.readFailed()) {
                counts[1]++;
                return;
            }
            counts[2] += r.labels().size();
            Map<String, List<SiteLabel>> byKind = new LinkedHashMap<>();
            for (SiteLabel l : r.labels()) {
                if (l.coordinationClass() != CoordinationClass.OTHER) {
                    byKind.computeIfAbsent(l.element() + ":" + l.coordinationClass(), k -> new ArrayList<>()).add(l);
                }
            }
            Structure s = null;
            for (List<SiteLabel> group : byKind.values()) {
                Set<String> seen = new HashSet<>();
                for (SiteLabel l : group) {
                    if (group.size() > 1) {
                        if (s == null) {
                            s = read(r.file());
                        }
                        if (s != null && !seen.add(FeffInput.of(s, l.siteIndex(), FeffInput.DEFAULT_RADIUS_ANGSTROM, FeffCards.feff8l()).clusterSha256())) {
                            counts[3]++;
                            continue;
                        }
                    }
                    out.add(new Candidate(l.structureId(), l.siteIndex(), l.element(), l.coordinationClass(), r.file()));
                }
            }
        });
        return new Labelled(out, counts[0], counts[1], counts[2], counts[3]);
    }

    private static Structure read(Path f) {
        try {
            return StructureFormats.read(f);
        } catch (InputException e) {
            return null;
        }
    }

    /**
     * The plan: per element and class, the deficit against the paper, the candidates not yet
     * computed and the hours at {@code secondsPerSite} (per element; "*" for the rest).
     *
     * @param have per element and class, the site ids ("mp-1_12") the datasets hold at FEFF 9 level
     * @param computed site ids per element that already have a FEFF 9-level spectrum (not candidates)
     */
    public static List<Row> plan(List<Candidate> candidates, Map<String, Map<CoordinationClass, Set<String>>> have,
                                 Map<String, Set<String>> computed, Map<String, Double> secondsPerSite) {
        Map<String, Map<CoordinationClass, Integer>> avail = new TreeMap<>();
        for (Candidate c : candidates) {
            if (!computed.getOrDefault(c.element(), Set.of()).contains(c.id())) {
                avail.computeIfAbsent(c.element(), k -> new EnumMap<>(CoordinationClass.class)).merge(c.coordinationClass(), 1, Integer::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, int[]> e : PAPER_COUNTS.entrySet()) {
            String el = e.getKey();
            CoordinationClass[] cls = CoordinationClass.modelled();
            for (int k = 0; k < cls.length; k++) {
                int h = have.getOrDefault(el, Map.of()).getOrDefault(cls[k], Set.of()).size();
                int a = avail.getOrDefault(el, Map.of()).getOrDefault(cls[k], 0);
                int runs = Math.min(Math.max(0, e.getValue()[k] - h), a);
                double s = secondsPerSite.getOrDefault(el, secondsPerSite.getOrDefault("*", Double.NaN));
                rows.add(new Row(el, cls[k], e.getValue()[k], h, a, runs, runs * s / 3600));
            }
        }
        return rows;
    }

    /**
     * Writes one site list per element and class with runs planned ({@code <El>_<class>.txt}, one
     * "mp-id_site" per line, seeded order) into {@code dir}, in the priority order; returns
     * the files written. Each file is written whole or not at all.
     */
    public static List<Path> writeSiteLists(List<Row> rows, List<Candidate> candidates, Map<String, Set<String>> computed, Path dir, long seed)
        throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (String key : PRIORITY) {
            String el = key.split(":")[0];
            CoordinationClass cls = CoordinationClass.valueOf(key.split(":")[1]);
            Row row = rows.stream().filter(r -> r.element().equals(el) && r.coordinationClass() == cls).findFirst().orElse(null);
            if (row == null || row.runs() == 0) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (Candidate c : candidates) {
                if (c.element().equals(el) && c.coordinationClass() == cls && !computed.getOrDefault(el, Set.of()).contains(c.id())) {
                    ids.add(c.id());
                }
            }
            Collections.sort(ids);
            Collections.shuffle(ids, new Random(seed));
            Path f = dir.resolve(String.format(Locale.ROOT, "%02d-%s_%s.txt", out.size() + 1, el, cls));
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            Files.write(tmp, ids.subList(0, row.runs()));
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.add(f);
        }
        return out;
    }
}
