/**
 * The reproduction report: HTML with inline SVG figures, CSV and JSON.
 *
 * <p>May import: coordination, dataset, evaluation (to move behind org.xaneslce.api, issue 13).
 */
package org.xaneslce.app.report;
