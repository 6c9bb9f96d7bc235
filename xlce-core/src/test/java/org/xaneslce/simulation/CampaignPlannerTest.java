package org.xaneslce.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.Fixtures;
import org.xaneslce.coordination.BatchLabeler;
import org.xaneslce.coordination.CoordinationClass;
import org.xaneslce.coordination.CoordinationLabeler;

class CampaignPlannerTest {
    @TempDir
    Path tmp;

    /** mp-622110: Cu 3 and 4 are equivalent S5 sites, Cu 5 square planar (OTHER); mp-780217: Cu 14 and 15 equivalent T4. */
    private CampaignPlanner.Labelled labelled() {
        List<Path> files = List.of(Fixtures.resource("structures/POSCAR-mp-622110"), Fixtures.resource("structures/POSCAR-mp-780217"));
        return CampaignPlanner.label(files, new BatchLabeler(CoordinationLabeler.paper(), BatchLabeler.Selection.all3dMetals()), 1);
    }

    @Test
    void label_keepsOneSitePerCluster_andOnlyTheThreeClasses() {
        CampaignPlanner.Labelled l = labelled();
        List<String> cu = l.candidates().stream().filter(c -> c.element().equals("Cu")).map(c -> c.site() + ":" + c.coordinationClass()).toList();
        assertEquals(List.of("3:S5", "14:T4"), cu);
        assertEquals(2, l.equivalentLeftOut(), "sites 4 and 15");
        assertEquals(0, l.filesRejected());
    }

    @Test
    void plan_isTheDeficitCappedByWhatIsAvailable_andListsFollowThePriority() throws Exception {
        CampaignPlanner.Labelled l = labelled();
        String s5 = l.candidates().stream().filter(c -> c.coordinationClass() == CoordinationClass.S5).findFirst().orElseThrow().id();
        // Cu T4: the paper has 290, we have 2 -> 288 needed, 1 available -> 1 run at 100 s.
        Map<String, Map<CoordinationClass, Set<String>>> have = Map.of("Cu", Map.of(CoordinationClass.T4, Set.of("a_1", "b_2")));
        List<CampaignPlanner.Row> rows = CampaignPlanner.plan(l.candidates(), have, Map.of("Cu", Set.of(s5)), Map.of("Cu", 100.0, "*", 50.0));
        CampaignPlanner.Row t4 = rows.stream().filter(r -> r.element().equals("Cu") && r.coordinationClass() == CoordinationClass.T4).findFirst().orElseThrow();
        assertEquals(new CampaignPlanner.Row("Cu", CoordinationClass.T4, 290, 2, 1, 1, 100.0 / 3600), t4);
        CampaignPlanner.Row cuS5 = rows.stream().filter(r -> r.element().equals("Cu") && r.coordinationClass() == CoordinationClass.S5).findFirst().orElseThrow();
        assertEquals(0, cuS5.available(), "the S5 site already has a FEFF 9 spectrum");
        assertEquals(24, rows.size());
        List<Path> lists = CampaignPlanner.writeSiteLists(rows, l.candidates(), Map.of("Cu", Set.of(s5)), tmp.resolve("plan"), 1);
        assertEquals(List.of(tmp.resolve("plan/01-Cu_T4.txt")), lists);
        assertEquals(List.of("mp-780217_14"), Files.readAllLines(lists.get(0)).stream().map(x -> x.replace("POSCAR-", "")).toList());
    }
}
