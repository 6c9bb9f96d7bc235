package org.xaneslce.api;

import java.util.List;
import java.util.Map;

/**
 * The answer for one input spectrum, as every front end shows it (command line table, JSON and
 * CSV; the web page). An unreadable input has {@code error} set and nothing else but {@code file}.
 *
 * @param file the input as given (a file, or "file#group" for one group of a multi-spectrum file)
 * @param element the absorber
 * @param edge the edge ("K")
 * @param model the model's id ("Cu-cnn@cec7cd8f")
 * @param coordinationClass the most probable class
 * @param probabilities class -> probability, in the model's class order
 * @param novelty the novelty score (above 1: unlike the training spectra)
 * @param novel whether the novelty score is above 1
 * @param shiftEv energy shift applied to align a measured spectrum (0 for computed)
 * @param pearson correlation with the model's mean spectrum after alignment (NaN for computed)
 * @param absorberSource how the element was found ("file", "given", "edge energy")
 * @param preparation how the spectrum was prepared (normalization, alignment, columns)
 * @param warnings what the user should know (points dropped, element guessed, caution)
 * @param error why the input could not be classified, or null
 * @param gridEnergies the model grid's energies (eV), empty for a failed input
 * @param onGrid the spectrum as the model saw it on that grid, empty for a failed input
 * @param calibrated whether {@code probabilities} are calibrated (the model has a calibration: temperature, top-label map)
 * @param set the conformal prediction set at {@code coverage} (empty without calibration)
 * @param coverage the coverage the set (and the distance interval) was made for
 * @param shell coordination number and mean distance, or null when the absorber has no geometry model
 * @param ensemble the ensemble's mean probabilities and their spread, or null when the absorber has no ensemble
 * @param placement how the spectrum was put on the model's energy grid: "computed", "calibrated" or "aligned" (null for a failed input)
 */
public record PredictionRecord(String file, String element, String edge, String model, String coordinationClass,
                               Map<String, Double> probabilities, double novelty, boolean novel, double shiftEv, double pearson,
                               String absorberSource, String preparation, List<String> warnings, String error, double[] gridEnergies,
                               float[] onGrid, boolean calibrated, List<String> set, double coverage, Shell shell,
                               EnsembleView ensemble, String placement) {
    /**
     * What an ensemble says.
     *
     * @param members how many models
     * @param mean class -> mean probability over the members (uncalibrated)
     * @param spread class -> standard deviation over the members
     */
    public record EnsembleView(int members, Map<String, Double> mean, Map<String, Double> spread) {
        public EnsembleView {
            mean = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mean));
            spread = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spread));
        }
    }

    /**
     * The predicted first shell.
     *
     * @param cn most probable coordination number (3 stands for 3 or fewer, 7 for 7 or more)
     * @param cnProbabilities probability per CN bin ("<=3", "4", "5", "6", ">=7")
     * @param meanDistanceAngstrom predicted mean absorber-O distance of the shell
     * @param halfWidthAngstrom half-width of the conformal interval at the record's coverage
     */
    public record Shell(int cn, Map<String, Double> cnProbabilities, double meanDistanceAngstrom, double halfWidthAngstrom) {
        public Shell {
            cnProbabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cnProbabilities));
        }
    }

    public PredictionRecord {
        probabilities = probabilities == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        gridEnergies = gridEnergies == null ? new double[0] : gridEnergies.clone();
        onGrid = onGrid == null ? new float[0] : onGrid.clone();
        set = set == null ? List.of() : List.copyOf(set);
    }

    /** A failed input. */
    public static PredictionRecord failed(String file, String error) {
        return new PredictionRecord(file, null, null, null, null, Map.of(), Double.NaN, false, Double.NaN, Double.NaN, null, null, List.of(), error,
            null, null, false, List.of(), Double.NaN, null, null, null);
    }

    /** The grid's energies, a copy. */
    @Override
    public double[] gridEnergies() {
        return gridEnergies.clone();
    }

    /** The spectrum on the grid, a copy. */
    @Override
    public float[] onGrid() {
        return onGrid.clone();
    }

    /** True when classified. */
    public boolean ok() {
        return error == null;
    }
}
