package org.xaneslce.store;

import java.nio.file.Path;
import org.xaneslce.coordination.CoordinationLabeler;

/** A child process for the kill test: imports a campaign slowly, printing each committed unit. */
public final class ImportChild {
    private ImportChild() {
    }

    public static void main(String[] args) throws Exception {
        try (SpectralDatabase db = SpectralDatabase.open(Path.of(args[0]))) {
            new Importer(db, CoordinationLabeler.paper()).importFeffCampaign(Path.of(args[1]), "FEFF9", (item, skipped) -> {
                System.out.println("unit " + item);
                System.out.flush();
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
