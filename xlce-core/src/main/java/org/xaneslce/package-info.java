/**
 * The xanes-lce core library: the science of the project, with no front end in it (docs/ARCHITECTURE.md).
 *
 * <p>May import: nothing of the project; every package below imports only packages listed in its own
 * package-info.
 */
package org.xaneslce;
