/**
 * Structure readers: CIF, POSCAR/CONTCAR, pymatgen Structure JSON, the ATOMS block of feff.inp.
 *
 * <p>May import: io, structure.
 */
package org.xaneslce.structure.io;
