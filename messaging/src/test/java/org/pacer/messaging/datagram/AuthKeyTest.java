package org.pacer.messaging.datagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthKeyTest {

  @TempDir Path dir;

  private Path write(int size, String mode) throws Exception {
    Path file = dir.resolve("authkey");
    Files.write(file, new byte[size]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void corosyncKeygenSizedKeyLoads() throws Exception {
    assertEquals(256, AuthKey.load(write(256, "r--------")).bytes().length);
    assertEquals(128, AuthKey.load(write(128, "rw-------")).bytes().length);
    assertEquals(1024, AuthKey.load(write(1024, "r--------")).bytes().length);
  }

  @Test
  void tooSmallAndTooLargeAreNamedWithTheRule() throws Exception {
    AuthKeyException small =
        assertThrows(AuthKeyException.class, () -> AuthKey.load(write(16, "r--------")));
    assertTrue(
        small.getMessage().contains("is 16 bytes; an authkey must be 128 to 1024 bytes"),
        small.getMessage());
    AuthKeyException large =
        assertThrows(AuthKeyException.class, () -> AuthKey.load(write(2000, "r--------")));
    assertTrue(large.getMessage().contains("2000 bytes"), large.getMessage());
  }

  @Test
  void readableByOthersIsRefusedWithTheFix() throws Exception {
    AuthKeyException e =
        assertThrows(AuthKeyException.class, () -> AuthKey.load(write(256, "rw-r--r--")));
    assertTrue(e.getMessage().contains("has mode 0644"), e.getMessage());
    assertTrue(e.getMessage().contains("chmod 0400"), e.getMessage());
  }

  @Test
  void missingFileSaysHowToMakeOne() {
    AuthKeyException e =
        assertThrows(AuthKeyException.class, () -> AuthKey.load(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void directoryIsNotAKey() {
    AuthKeyException e = assertThrows(AuthKeyException.class, () -> AuthKey.load(dir));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }
}
