package org.xaneslce.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xaneslce.io.InputException;

/** A failed FEFF10 run says why, from its own log, not only which module gave up last. */
class FeffRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void aQuietPotFailure_isNamedFromFeff10Log() throws Exception {
        // What FEFF10's run script and modules wrote for Cr(FeO2)3 (mp-1244915, site 2) on 2026-12-02.
        Path fake = tmp.resolve("run-feff10.sh");
        Files.writeString(fake, "#!/bin/sh\n"
            + "printf 'Done with module: atomic potentials.\\nBad counts found repeatedly - pot will exit now.\\nDone with module: potentials.\\n"
            + "At line 108 of file rdpot.f90 (unit = 3)\\nFortran runtime error: Cannot open file '\"'\"'pot.bin'\"'\"': No such file or directory\\n"
            + "Error termination. Backtrace:\\n' > feff10.log\n"
            + "echo 'run-feff10: module screen failed (exit 2), see ./feff10.log' >&2\nexit 3\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        FeffRunner r = new FeffRunner(fake.toString(), List.of(), 30);
        InputException e = assertThrows(InputException.class, () -> r.run(tmp.resolve("site"), "TITLE x\n", "x"));
        assertTrue(e.getMessage().contains("FEFF error (exit 3): run-feff10: module screen failed (exit 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("FEFF said: Bad counts found repeatedly - pot will exit now. / Fortran runtime error: Cannot open file"),
            e.getMessage());
    }

    @Test
    void noFeff10Log_noDiagnosis() throws Exception {
        Files.createDirectories(tmp.resolve("d"));
        assertEquals("", FeffRunner.diagnosis(tmp.resolve("d")));
        Files.writeString(tmp.resolve("d/feff10.log"), "Done with module: potentials.\nCalculating screened core-hole potential ...\n");
        assertEquals("", FeffRunner.diagnosis(tmp.resolve("d")), "a clean log says nothing");
    }
}
