/**
 * Bench commands whose output goes into docs/BENCHMARKS.md and the issues' measurements.
 *
 * <p>May import: any core package.
 */
package org.xaneslce.bench;
