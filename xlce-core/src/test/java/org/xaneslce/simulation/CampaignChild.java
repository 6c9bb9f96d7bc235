package org.xaneslce.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xaneslce.store.SpectralDatabase;

/** A child process for the kill test: runs a campaign with one worker, printing each finished site. */
public final class CampaignChild {
    private CampaignChild() {
    }

    public static void main(String[] args) throws Exception {
        try (SpectralDatabase db = SpectralDatabase.open(Path.of(args[0]))) {
            Campaign c = Campaign.open(db, "kill-test", "Cu", FeffInput.Engine.FEFF8L, "feff8l", 6.0, 120);
            List<Campaign.SiteRef> refs = new ArrayList<>();
            for (int i = 2; i < args.length; i += 3) {
                refs.add(new Campaign.SiteRef(args[i], Integer.parseInt(args[i + 1]), Path.of(args[i + 2])));
            }
            c.plan(refs);
            c.run(1, Path.of(args[1]), false, 0, o -> {
                System.out.println("site " + o.material() + " " + o.site() + " " + o.ok());
                System.out.flush();
            });
        }
    }
}
