/**
 * Base datasets: labelled spectra of one absorber on its energy grid, their file format (docs/DATASET.md),
 * duplicate removal, the grids and levels of theory per absorber, the paper's tables.
 *
 * <p>May import: coordination, io, spectrum, store (DatasetBuilder reads labelled spectra from it), structure, structure.io
 * (ShellGeometry reads structure files).
 */
package org.xaneslce.dataset;
