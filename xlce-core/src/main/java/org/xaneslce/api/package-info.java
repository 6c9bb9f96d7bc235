/**
 * The front door: one entry type per job (label, predict, evidence, model catalog, calibrate) with typed
 * requests and results, so that the command line, the web page and the Spark jobs each stay a thin shell and
 * share one behaviour.
 *
 * <p>May import: any core package; front ends import this package (and the result and error types its methods
 * name: io.InputException, io.Problem, spectrum.io.ReadOptions, coordination.SiteLabel, trust.TrustModel).
 */
package org.xaneslce.api;
