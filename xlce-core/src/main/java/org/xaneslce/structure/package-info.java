/**
 * Crystal structures and clusters: lattices, sites, periodic neighbour search, sanity checks (cells,
 * overlapping atoms), the element table.
 *
 * <p>May import: io, util.
 */
package org.xaneslce.structure;
