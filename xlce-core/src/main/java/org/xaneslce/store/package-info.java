/**
 * The SQLite spectral database (docs/DATABASE.md): schema and migrations, resumable imports with every
 * rejection recorded, campaign state (CampaignStore); all SQL of the project.
 *
 * <p>May import: coordination, io, spectrum, spectrum.io, structure, structure.io, util (not dataset).
 */
package org.xaneslce.store;
