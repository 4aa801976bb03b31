package org.pacer.messaging.datagram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketSealerTest {

  static AuthKey key(long seed) {
    byte[] bytes = new byte[256];
    new Random(seed).nextBytes(bytes);
    return AuthKey.of(bytes);
  }

  private static final byte[] PAYLOAD = "token seq=42".getBytes(StandardCharsets.UTF_8);

  @Test
  void hmacRoundTrip() throws Exception {
    PacketSealer sealer = PacketSealer.create(key(1), "alpha", "sha256", "none");
    byte[] packet = sealer.seal(PAYLOAD);
    assertEquals(PAYLOAD.length + sealer.overhead(), packet.length);
    assertArrayEquals(PAYLOAD, sealer.open(packet));
    assertFalse(sealer.encrypts());
  }

  @Test
  void aesGcmRoundTripHidesThePayload() throws Exception {
    PacketSealer sealer = PacketSealer.create(key(1), "alpha", "sha256", "aes256");
    byte[] packet = sealer.seal(PAYLOAD);
    assertFalse(new String(packet, StandardCharsets.ISO_8859_1).contains("token seq=42"));
    assertArrayEquals(PAYLOAD, sealer.open(packet));
    assertTrue(sealer.encrypts());
  }

  @Test
  void emptyPayloadRoundTrips() throws Exception {
    for (String cipher : new String[] {"none", "aes128", "aes256"}) {
      PacketSealer sealer = PacketSealer.create(key(1), "alpha", "sha1", cipher);
      assertArrayEquals(new byte[0], sealer.open(sealer.seal(new byte[0])), cipher);
    }
  }

  @Test
  void everyTamperedByteIsRejected() {
    for (String cipher : new String[] {"none", "aes256"}) {
      PacketSealer sealer = PacketSealer.create(key(1), "alpha", "sha256", cipher);
      byte[] packet = sealer.seal(PAYLOAD);
      for (int i = 0; i < packet.length; i++) {
        byte[] tampered = packet.clone();
        tampered[i] ^= 0x01;
        assertThrows(
            PacketRejectedException.class, () -> sealer.open(tampered), cipher + " byte " + i);
      }
    }
  }

  @Test
  void wrongKeyIsRejectedAsBadAuthentication() {
    for (String cipher : new String[] {"none", "aes256"}) {
      byte[] packet = PacketSealer.create(key(1), "alpha", "sha256", cipher).seal(PAYLOAD);
      PacketSealer other = PacketSealer.create(key(2), "alpha", "sha256", cipher);
      PacketRejectedException e =
          assertThrows(PacketRejectedException.class, () -> other.open(packet));
      assertEquals(PacketRejectedException.Reason.BAD_AUTHENTICATION, e.reason());
    }
  }

  @Test
  void otherClusterNameWithTheSameKeyIsRejected() {
    byte[] packet = PacketSealer.create(key(1), "alpha", "sha256", "none").seal(PAYLOAD);
    PacketSealer beta = PacketSealer.create(key(1), "beta", "sha256", "none");
    PacketRejectedException e =
        assertThrows(PacketRejectedException.class, () -> beta.open(packet));
    assertEquals(PacketRejectedException.Reason.BAD_AUTHENTICATION, e.reason());
  }

  @Test
  void encryptedPacketToAPlainNodeIsAModeMismatch() {
    byte[] packet = PacketSealer.create(key(1), "alpha", "sha256", "aes256").seal(PAYLOAD);
    PacketSealer plain = PacketSealer.create(key(1), "alpha", "sha256", "none");
    PacketRejectedException e =
        assertThrows(PacketRejectedException.class, () -> plain.open(packet));
    assertEquals(PacketRejectedException.Reason.WRONG_MODE, e.reason());
  }

  @Test
  void shortAndForeignPacketsAreNamed() {
    PacketSealer sealer = PacketSealer.create(key(1), "alpha", "sha256", "none");
    assertEquals(
        PacketRejectedException.Reason.TRUNCATED,
        assertThrows(PacketRejectedException.class, () -> sealer.open(new byte[3])).reason());
    byte[] foreign = new byte[100];
    assertEquals(
        PacketRejectedException.Reason.NOT_PACER,
        assertThrows(PacketRejectedException.class, () -> sealer.open(foreign)).reason());
  }

  @Test
  void unsupportedHashAndCipherAreNamed() {
    IllegalArgumentException hash =
        assertThrows(
            IllegalArgumentException.class, () -> PacketSealer.create(key(1), "a", "md5", "none"));
    assertTrue(hash.getMessage().contains("crypto_hash 'md5'"), hash.getMessage());
    IllegalArgumentException cipher =
        assertThrows(
            IllegalArgumentException.class,
            () -> PacketSealer.create(key(1), "a", "sha256", "3des"));
    assertTrue(cipher.getMessage().contains("crypto_cipher '3des'"), cipher.getMessage());
  }

  @Test
  void derivationFollowsRfc5869Shape() {
    byte[] a = PacketSealer.derive(new byte[] {1, 2, 3}, "x", 80);
    byte[] b = PacketSealer.derive(new byte[] {1, 2, 3}, "x", 32);
    byte[] prefix = new byte[32];
    System.arraycopy(a, 0, prefix, 0, 32);
    assertArrayEquals(prefix, b, "longer output extends the shorter one");
    assertFalse(java.util.Arrays.equals(b, PacketSealer.derive(new byte[] {1, 2, 3}, "y", 32)));
  }
}
