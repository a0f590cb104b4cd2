package org.openpbr.clustering.scheme;

import java.util.Optional;

/**
 * What a cluster's profile grid says about one rating of one scale. MUST cells are the cluster's
 * red rules. In reference data and uploads each cell is written as its one-letter code.
 */
public enum GridCell {
    MUST('M'), EXPECTED('E'), MAY('Y'), UNLIKELY('U');

    private final char letter;

    GridCell(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public static Optional<GridCell> byLetter(char letter) {
        for (GridCell cell : values()) {
            if (cell.letter == letter) {
                return Optional.of(cell);
            }
        }
        return Optional.empty();
    }
}
