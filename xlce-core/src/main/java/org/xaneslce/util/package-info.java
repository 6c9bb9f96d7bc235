/**
 * Small numerical helpers shared by several packages (checks, covariance, eigen decomposition, correlation).
 *
 * <p>May import: nothing of the project.
 */
package org.xaneslce.util;
