/**
 * Predicting one spectrum: absorber and edge, normalization and alignment of measured spectra onto the model
 * grid, probabilities, novelty, calibration and conformal sets.
 *
 * <p>May import: io, model, spectrum, structure (element table), trust.
 */
package org.xaneslce.predict;
