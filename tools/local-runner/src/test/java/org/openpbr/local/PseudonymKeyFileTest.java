package org.openpbr.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyFileTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void a_data_directory_gets_its_own_random_32_byte_key_once_and_keeps_it() throws Exception {
        String key = PseudonymKeyFile.readOrCreate(first);
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(PseudonymKeyFile.readOrCreate(first)).as("the same key on the next start").isEqualTo(key);
        assertThat(PseudonymKeyFile.readOrCreate(second)).as("another data directory").isNotEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.resolve(PseudonymKeyFile.FILE))))
                .isEqualTo("rw-------");
    }
}
