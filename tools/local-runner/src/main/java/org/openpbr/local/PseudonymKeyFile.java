package org.openpbr.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's pseudonym key: 32 random bytes generated on a data directory's first start and
 * kept in it ({@code pseudonym-key}, readable by its owner only), so pseudonyms stay stable across
 * restarts and no two data directories share a key. The services run in the prod profile and
 * refuse to start without one.
 */
final class PseudonymKeyFile {

    static final String FILE = "pseudonym-key";

    private PseudonymKeyFile() {
    }

    static String readOrCreate(Path data) throws StackException {
        Path file = data.resolve(FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String text = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(data);
            Path partial = data.resolve(FILE + ".partial");
            Files.writeString(partial, text + "\n");
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.move(partial, file);
            return text;
        } catch (IOException e) {
            throw new StackException("Cannot read or create the pseudonym key in " + file + ": " + e.getMessage(), e);
        }
    }
}
