package org.openpbr.local;

/** Where the stack reports what it is doing; the runner prints it, tests may ignore it. */
@FunctionalInterface
public interface ProgressListener {

    void step(String message);

    static ProgressListener silent() {
        return message -> {
        };
    }
}
