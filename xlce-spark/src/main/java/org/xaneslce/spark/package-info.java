/**
 * `xlce cluster`: the labelling and FEFF jobs on Apache Spark, over the core API.
 *
 * <p>May import: api, coordination (SiteLabel results), io, simulation (SiteRun, archives).
 */
package org.xaneslce.spark;
