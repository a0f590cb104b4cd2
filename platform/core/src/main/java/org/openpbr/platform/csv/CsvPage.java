package org.openpbr.platform.csv;

import java.net.URI;

/** A cursor-paged result that also comes as CSV: its JSON {@code next} link is the CSV's {@code Link} header. */
public interface CsvPage extends CsvTable {

    /** The next page, or null on the last. */
    URI next();

    @Override
    default URI csvNext() {
        return next();
    }
}
