/**
 * Input errors in the user's terms (Problem, InputException), text decoding with size and gzip limits, atomic
 * output files.
 *
 * <p>May import: nothing of the project.
 */
package org.xaneslce.io;
