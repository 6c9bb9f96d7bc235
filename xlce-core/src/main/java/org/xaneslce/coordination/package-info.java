/**
 * Labels: neighbour shells by the 1.2 x d_min rule, exact continuous symmetry measures against ChemEnv's
 * ideal polyhedra, the T4/S5/O6/OTHER class of a site, and batch labelling of structure files.
 *
 * <p>May import: io, structure, structure.io.
 */
package org.xaneslce.coordination;
