package org.openpbr.clustering.decision;

import org.openpbr.clustering.scheme.GridCell;
import org.openpbr.clustering.scheme.Scale;

/**
 * One scale's part in one code's fit.
 *
 * @param scale   the scale
 * @param rating  its rating, 0-4 or 9
 * @param cell    the grid cell the rating falls in; null for 9 (not known)
 * @param redRule whether the scale has MUST cells for this code
 * @param breach  whether the rating breaks that red rule (a known rating outside the MUST cells)
 */
public record ScaleTrace(Scale scale, int rating, GridCell cell, boolean redRule, boolean breach) {
}
