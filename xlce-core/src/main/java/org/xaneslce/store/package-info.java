/**
 * The SQLite spectral database (docs/DATABASE.md): schema and migrations, resumable imports with every
 * rejection recorded, dataset building.
 *
 * <p>May import: coordination, dataset, io, spectrum, spectrum.io, structure, structure.io. (To do: stop
 * importing dataset, issue 13.)
 */
package org.xaneslce.store;
