package org.xaneslce;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model, dataset or report comes from, as named fields: the code (version and git commit
 * from the build), the data (SHA-256 of the dataset, or the database), the seed, the level of
 * theory of the spectra and the SHA-256 of the FEFF cards that made them. Written into every model
 * file, dataset file and report (as a map of these names, plus what each adds).
 *
 * @param codeVersion the build's version
 * @param gitCommit the build's git commit
 * @param data the data's hash ("sha256:...") or other name, or null
 * @param seed the seed, or null
 * @param levelOfTheory the spectra's level of theory, or null
 * @param cardsSha256 the FEFF cards' SHA-256 (for FEFF10 card sets), or null
 * @param createdAt when
 */
public record Provenance(String codeVersion, String gitCommit, String data, Long seed, String levelOfTheory, String cardsSha256, String createdAt) {
    /** Provenance of this build, now. */
    public static Provenance now(String data, Long seed, String levelOfTheory, String cardsSha256) {
        return new Provenance(Version.CODE, Version.COMMIT, data, seed, levelOfTheory, cardsSha256, Instant.now().toString());
    }

    /** The fields by their file names (data_hash, seed, level_of_theory, cards_sha256, code_version, git_commit, created_at); nulls left out. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "data_hash", data);
        put(m, "seed", seed == null ? null : seed.toString());
        put(m, "level_of_theory", levelOfTheory);
        put(m, "cards_sha256", cardsSha256);
        put(m, "code_version", codeVersion);
        put(m, "git_commit", gitCommit);
        put(m, "created_at", createdAt);
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
