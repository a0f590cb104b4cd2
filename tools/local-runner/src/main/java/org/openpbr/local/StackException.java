package org.openpbr.local;

/** A failure the person running the stack can act on; its message is printed as is, without a stack trace. */
public class StackException extends Exception {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
