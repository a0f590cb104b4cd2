package org.openpbr.platform.csv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.openpbr.platform.problem.FieldError;
import org.openpbr.platform.problem.ProblemException;
import org.openpbr.platform.problem.ProblemType;

/**
 * Every fault found in an uploaded file, by line and column. A file with millions of bad lines
 * would make an unreadable answer, so the first {@value #LISTED} are listed and the rest counted.
 */
public final class CsvFaults {

    public static final int LISTED = 1000;

    private final List<Fault> faults = new ArrayList<>();
    private long count;

    private record Fault(int line, String column, String message) {
    }

    public void add(int line, String column, String message) {
        count++;
        if (faults.size() < LISTED * 2) {
            faults.add(new Fault(line, column, message));
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long count() {
        return count;
    }

    /** The 400 problem: nothing was loaded, and here is why. */
    public ProblemException problem(String what) {
        List<FieldError> errors = faults.stream().sorted(Comparator.comparingInt(Fault::line)).limit(LISTED)
                .map(f -> new FieldError("line " + f.line() + (f.column() == null ? "" : ", " + f.column()), f.message()))
                .toList();
        String detail = (count == 1 ? "1 fault" : count + " faults") + " in the " + what + " file; nothing was loaded"
                + (count > LISTED ? " (the first " + LISTED + " by line are listed)" : "");
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, errors);
    }
}
