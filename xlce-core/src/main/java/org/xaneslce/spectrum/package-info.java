/**
 * Spectra and what is done to them: the Spectrum type, energy grids (per absorber, with their level of theory) and resampling, Larch-style
 * normalization, alignment by Pearson correlation, edge tables.
 *
 * <p>May import: util.
 */
package org.xaneslce.spectrum;
