package org.openpbr.costing.period;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.openpbr.platform.csv.CsvCharset;
import org.openpbr.platform.hash.Sha256;

/**
 * An uploaded body kept in a temporary file: it is read again when a file is refused (to name every
 * duplicate), and its SHA-256 identifies the file. A large body is read once, as it arrives: the
 * loader reads {@link #arriving()} while every byte is also written to the file and the digest.
 */
final class SpooledFile implements AutoCloseable {

    private final Path path;
    private final Charset charset;
    private final MessageDigest digest = Sha256.digest();
    private final OutputStream copy;
    private final InputStream body;
    private String sha256;

    private SpooledFile(Path path, Charset charset, InputStream body) throws IOException {
        this.path = path;
        this.charset = charset;
        this.copy = Files.newOutputStream(path);
        this.body = new FilterInputStream(body) {
            // The request stream may wait for more data when asked again after its end.
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (ended) {
                    return -1;
                }
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    keep(buffer, offset, n);
                } else if (n < 0) {
                    ended = true;
                }
                return n;
            }

            @Override
            public void close() {
                // Closing the reader must not close the request: what is left of it is still to be kept.
            }

            @Override
            public long skip(long n) {
                // every byte must reach the digest
                return 0;
            }
        };
    }

    /** Starts keeping a body that the caller will read through {@link #arriving()} or {@link #reader()}. */
    static SpooledFile reading(InputStream body, Charset charset) {
        Path path = null;
        try {
            path = Files.createTempFile("openpbr-upload-", ".csv");
            return new SpooledFile(path, charset, body);
        } catch (IOException e) {
            deleteQuietly(path);
            throw new UncheckedIOException("could not keep the uploaded file", e);
        }
    }

    /** Keeps a whole (small) body before it is read. */
    static SpooledFile of(InputStream body, Charset charset) {
        SpooledFile file = reading(body, charset);
        file.sha256();
        return file;
    }

    private void keep(byte[] buffer, int offset, int length) throws IOException {
        digest.update(buffer, offset, length);
        copy.write(buffer, offset, length);
    }

    /** The arriving body as text, refusing bytes that are not text in the file's character set. */
    Reader arriving() {
        return new BufferedReader(new InputStreamReader(body, CsvCharset.strictDecoder(charset)), 1 << 16);
    }

    /** The whole file's SHA-256: reads what is left of the body first, so the file is kept whole. */
    String sha256() {
        if (sha256 == null) {
            try {
                body.transferTo(OutputStream.nullOutputStream());
                copy.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep the uploaded file", e);
            }
            sha256 = Sha256.hex(digest);
        }
        return sha256;
    }

    /** The fault for bytes that are not text in the file's character set. */
    String notText() {
        return CsvCharset.notText(charset);
    }

    /** The kept file from its start, once the body has been read. */
    Reader reader() throws IOException {
        sha256();
        return Files.newBufferedReader(path, charset);
    }

    @Override
    public void close() {
        try {
            copy.close();
        } catch (IOException e) {
            // the file is deleted next
        }
        deleteQuietly(path);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file; the operating system clears its temporary directory
        }
    }
}
