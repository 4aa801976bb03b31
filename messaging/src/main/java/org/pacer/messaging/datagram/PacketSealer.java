package org.pacer.messaging.datagram;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens ring packets. Every packet is authenticated with a key derived from the cluster's
 * authkey and cluster name, so a node with another key or another cluster name can never be heard:
 * either an HMAC tag is appended (corosync's {@code crypto_hash}), or the packet is encrypted and
 * authenticated with AES-GCM ({@code crypto_cipher}).
 *
 * <p>Wire format: {@code 'P' 'C' version mode} then, for HMAC, payload + tag over header and
 * payload; for AES-GCM, a 12-byte random nonce + ciphertext with its 16-byte tag, the header being
 * the additional authenticated data. Replay of old packets is the ring protocol's concern (ring ids
 * and sequence numbers), not this class's.
 */
public final class PacketSealer {

  /** Bytes of header before the payload. */
  public static final int HEADER_BYTES = 4;

  private static final byte MAGIC_0 = 'P';
  private static final byte MAGIC_1 = 'C';
  private static final byte VERSION = 1;
  private static final byte MODE_HMAC = 0;
  private static final byte MODE_GCM = 1;
  private static final int NONCE_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;

  private final String macAlgorithm;
  private final SecretKeySpec macKey;
  private final SecretKeySpec cipherKey;
  private final int macBytes;
  private final SecureRandom random = new SecureRandom();
  private final ThreadLocal<Mac> macs;

  private PacketSealer(String macAlgorithm, SecretKeySpec macKey, SecretKeySpec cipherKey) {
    this.macAlgorithm = macAlgorithm;
    this.macKey = macKey;
    this.cipherKey = cipherKey;
    this.macs = ThreadLocal.withInitial(this::newMac);
    this.macBytes = newMac().getMacLength();
  }

  /**
   * A sealer for a cluster.
   *
   * @param hash corosync's crypto_hash: sha1, sha256, sha384 or sha512 (none and md5 are refused:
   *     every packet must be authenticated, and md5 no longer authenticates)
   * @param cipher corosync's crypto_cipher: none, aes128, aes192 or aes256
   * @throws IllegalArgumentException naming an unsupported hash or cipher
   */
  public static PacketSealer create(AuthKey key, String clusterName, String hash, String cipher) {
    String macAlgorithm =
        switch (hash.toLowerCase(Locale.ROOT)) {
          case "sha1" -> "HmacSHA1";
          case "sha256" -> "HmacSHA256";
          case "sha384" -> "HmacSHA384";
          case "sha512" -> "HmacSHA512";
          default ->
              throw new IllegalArgumentException(
                  "crypto_hash '"
                      + hash
                      + "' is not supported: Pacer authenticates every packet; use sha1, sha256,"
                      + " sha384 or sha512");
        };
    int cipherBytes =
        switch (cipher.toLowerCase(Locale.ROOT)) {
          case "none" -> 0;
          case "aes128" -> 16;
          case "aes192" -> 24;
          case "aes256" -> 32;
          default ->
              throw new IllegalArgumentException(
                  "crypto_cipher '"
                      + cipher
                      + "' is not supported: use none, aes128, aes192 or aes256");
        };
    byte[] secret = key.bytes();
    SecretKeySpec macKey =
        new SecretKeySpec(derive(secret, "hmac/" + clusterName, 64), macAlgorithm);
    SecretKeySpec cipherKey =
        cipherBytes == 0
            ? null
            : new SecretKeySpec(derive(secret, "aes-gcm/" + clusterName, cipherBytes), "AES");
    Arrays.fill(secret, (byte) 0);
    return new PacketSealer(macAlgorithm, macKey, cipherKey);
  }

  /** Bytes a sealed packet adds to its payload. */
  public int overhead() {
    return HEADER_BYTES + (cipherKey != null ? NONCE_BYTES + GCM_TAG_BITS / 8 : macBytes);
  }

  public boolean encrypts() {
    return cipherKey != null;
  }

  public byte[] seal(byte[] payload) {
    return cipherKey != null ? encrypt(payload) : sign(payload);
  }

  /**
   * Checks and unwraps a packet.
   *
   * @throws PacketRejectedException with the reason (too short, not ours, wrong mode, failed
   *     authentication)
   */
  public byte[] open(byte[] packet) throws PacketRejectedException {
    if (packet.length < overhead()) {
      throw new PacketRejectedException(
          PacketRejectedException.Reason.TRUNCATED,
          "packet of "
              + packet.length
              + " bytes is shorter than the "
              + overhead()
              + "-byte envelope");
    }
    if (packet[0] != MAGIC_0 || packet[1] != MAGIC_1 || packet[2] != VERSION) {
      throw new PacketRejectedException(
          PacketRejectedException.Reason.NOT_PACER, "not a Pacer ring packet");
    }
    byte mode = packet[3];
    if (mode != (cipherKey != null ? MODE_GCM : MODE_HMAC)) {
      throw new PacketRejectedException(
          PacketRejectedException.Reason.WRONG_MODE,
          "packet is "
              + (mode == MODE_GCM ? "encrypted" : "not encrypted")
              + " but this node is configured "
              + (cipherKey != null ? "with" : "without")
              + " crypto_cipher");
    }
    return cipherKey != null ? decrypt(packet) : verify(packet);
  }

  private byte[] sign(byte[] payload) {
    byte[] packet = new byte[HEADER_BYTES + payload.length + macBytes];
    header(packet, MODE_HMAC);
    System.arraycopy(payload, 0, packet, HEADER_BYTES, payload.length);
    Mac mac = macs.get();
    mac.update(packet, 0, HEADER_BYTES + payload.length);
    try {
      mac.doFinal(packet, HEADER_BYTES + payload.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC failed", e);
    }
    return packet;
  }

  private byte[] verify(byte[] packet) throws PacketRejectedException {
    int payloadEnd = packet.length - macBytes;
    Mac mac = macs.get();
    mac.update(packet, 0, payloadEnd);
    byte[] expected = mac.doFinal();
    byte[] actual = Arrays.copyOfRange(packet, payloadEnd, packet.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new PacketRejectedException(
          PacketRejectedException.Reason.BAD_AUTHENTICATION,
          "HMAC does not match: tampered, or sent with another authkey or cluster_name");
    }
    return Arrays.copyOfRange(packet, HEADER_BYTES, payloadEnd);
  }

  private byte[] encrypt(byte[] payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new GCMParameterSpec(GCM_TAG_BITS, nonce));
      byte[] header = new byte[HEADER_BYTES];
      header(header, MODE_GCM);
      cipher.updateAAD(header);
      byte[] sealed = cipher.doFinal(payload);
      return ByteBuffer.allocate(HEADER_BYTES + NONCE_BYTES + sealed.length)
          .put(header)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  private byte[] decrypt(byte[] packet) throws PacketRejectedException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          cipherKey,
          new GCMParameterSpec(GCM_TAG_BITS, packet, HEADER_BYTES, NONCE_BYTES));
      cipher.updateAAD(packet, 0, HEADER_BYTES);
      int offset = HEADER_BYTES + NONCE_BYTES;
      return cipher.doFinal(packet, offset, packet.length - offset);
    } catch (GeneralSecurityException e) {
      throw new PacketRejectedException(
          PacketRejectedException.Reason.BAD_AUTHENTICATION,
          "AES-GCM authentication failed: tampered, or sent with another authkey or cluster_name");
    }
  }

  private static void header(byte[] packet, byte mode) {
    packet[0] = MAGIC_0;
    packet[1] = MAGIC_1;
    packet[2] = VERSION;
    packet[3] = mode;
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(macKey);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(macAlgorithm + " is not available", e);
    }
  }

  /** HKDF (RFC 5869) with SHA-256: binds each key to its purpose and to the cluster name. */
  static byte[] derive(byte[] secret, String info, int length) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(
          new SecretKeySpec("pacer-authkey".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] prk = extract.doFinal(secret);
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] block = new byte[0];
      int filled = 0;
      for (int counter = 1; filled < length; counter++) {
        expand.update(block);
        expand.update(info.getBytes(StandardCharsets.UTF_8));
        expand.update((byte) counter);
        block = expand.doFinal();
        int n = Math.min(block.length, length - filled);
        System.arraycopy(block, 0, out, filled, n);
        filled += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
