/**
 * FEFF campaigns: inputs per site and card sets, runs of an installed FEFF (feff8l, FEFF 9, FEFF10), campaign
 * state in the database, equivalent sites, planning by deficit, campaign archives.
 *
 * <p>May import: coordination, dataset, io, spectrum, spectrum.io, store, structure, structure.io, util.
 */
package org.xaneslce.simulation;
