package org.openpbr.costing.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import org.openpbr.costing.Sha256;

/**
 * An uploaded body kept in a temporary file while it is loaded: it is read twice when a file is
 * refused (once to load, once to find every duplicate), and its SHA-256 identifies the file.
 */
final class SpooledFile implements AutoCloseable {

    private final Path path;
    private final String sha256;
    private final long size;

    private SpooledFile(Path path, String sha256, long size) {
        this.path = path;
        this.sha256 = sha256;
        this.size = size;
    }

    static SpooledFile of(InputStream body) {
        try {
            Path path = Files.createTempFile("openpbr-upload-", ".csv");
            MessageDigest digest = Sha256.digest();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(path), digest)) {
                size = body.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(path);
                throw e;
            }
            return new SpooledFile(path, Sha256.hex(digest), size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the uploaded file", e);
        }
    }

    String sha256() {
        return sha256;
    }

    long size() {
        return size;
    }

    Reader reader() throws IOException {
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file; the operating system clears its temporary directory
        }
    }
}
