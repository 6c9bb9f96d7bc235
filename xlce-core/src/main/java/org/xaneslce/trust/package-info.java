/**
 * Trust in an answer: temperature scaling, a top-label map and their calibration error, class-conditional split conformal
 * prediction sets, and the fold protocol that fits them on held-out spectra only.
 *
 * <p>May import: dataset, evaluation, io, model, util.
 */
package org.xaneslce.trust;
