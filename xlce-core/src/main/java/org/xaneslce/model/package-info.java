/**
 * Classifiers: the paper's MLP and CNN trained on a dataset (standardizer, augmentation, novelty detector),
 * versioned model files.
 *
 * <p>May import: coordination, dataset, io, nn, spectrum, util.
 */
package org.xaneslce.model;
