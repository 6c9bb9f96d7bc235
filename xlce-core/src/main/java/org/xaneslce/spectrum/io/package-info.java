/**
 * Spectrum readers, told apart by content: XDI, column and SPEC files (energy and mu chosen by name or by the
 * user), FEFF xmu.dat, Athena projects, Materials Project XAS JSON.
 *
 * <p>May import: io, spectrum, structure (element table).
 */
package org.xaneslce.spectrum.io;
