/**
 * The network engine: dense, 1-D convolution, max-pooling, ReLU, dropout, softmax cross-entropy, Adam; seeded
 * and bit-for-bit deterministic.
 *
 * <p>May import: nothing of the project.
 */
package org.xaneslce.nn;
