/**
 * The paper's protocol: stratified and by-material folds, class-wise and macro F1, the study behind `xlce
 * reproduce` (pre-edge, PCA, robustness, theory versus experiment).
 *
 * <p>May import: coordination, dataset, model, nn, spectrum, util.
 */
package org.xaneslce.evaluation;
