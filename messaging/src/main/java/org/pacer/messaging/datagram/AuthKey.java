package org.pacer.messaging.datagram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * The cluster's shared secret, as corosync-keygen writes it: a file of 128 to 1024 random bytes
 * that only its owner may read. Loading says exactly what is wrong with a file that does not
 * qualify, and how to fix it.
 */
public final class AuthKey {

  public static final int MIN_BYTES = 128;
  public static final int MAX_BYTES = 1024;

  private final byte[] bytes;

  private AuthKey(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** A key from bytes already in memory (tests, key generation); the same size rules apply. */
  public static AuthKey of(byte[] bytes) {
    checkSize(bytes.length, "the key");
    return new AuthKey(bytes);
  }

  /**
   * Reads and checks an authkey file.
   *
   * @throws AuthKeyException naming the file and the problem
   */
  public static AuthKey load(Path file) throws AuthKeyException {
    try {
      if (!Files.exists(file)) {
        throw new NoSuchFileException(file.toString());
      }
      if (!Files.isRegularFile(file)) {
        throw new AuthKeyException("authkey " + file + " is not a regular file");
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ)
          || mode.contains(PosixFilePermission.GROUP_WRITE)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new AuthKeyException(
            "authkey "
                + file
                + " has mode "
                + octal(mode)
                + ": others than its owner can read or change it (chmod 0400 "
                + file
                + ")");
      }
      long size = Files.size(file);
      checkSize(size, "authkey " + file);
      return new AuthKey(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new AuthKeyException(
          "authkey "
              + file
              + " does not exist (create one with `crm cluster init` or corosync-keygen)");
    } catch (IOException e) {
      throw new AuthKeyException("authkey " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static void checkSize(long size, String what) {
    if (size < MIN_BYTES || size > MAX_BYTES) {
      throw new AuthKeyException(
          what
              + " is "
              + size
              + " bytes; an authkey must be "
              + MIN_BYTES
              + " to "
              + MAX_BYTES
              + " bytes of random data");
    }
  }

  private static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission p : mode) {
      bits |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", bits);
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "AuthKey[" + bytes.length + " bytes]";
  }
}
