package org.pacer.pengine.unpack;

import java.io.ByteArrayOutputStream;

/**
 * A bzip2 decoder, for the {@code pe-input-N.bz2} files Pacemaker's scheduler saves. The JDK has no
 * bzip2; the format is small and fixed (Seward's bzip2 1.0 file format: Huffman-coded move-to-front
 * symbols with zero-run codes, an inverse Burrows-Wheeler transform and a final run-length step,
 * each block and the stream protected by a CRC), so a decoder of our own costs less than a
 * dependency with three transitive ones. Concatenated streams (as pbzip2 writes) are decoded one
 * after the other. Corrupt input throws {@link Bzip2Exception} naming the problem.
 */
public final class Bzip2 {
  private static final long BLOCK_MAGIC = 0x314159265359L;
  private static final long END_MAGIC = 0x177245385090L;
  private static final int MAX_GROUPS = 6;
  private static final int MAX_CODE_LEN = 20;
  private static final int GROUP_SIZE = 50;
  private static final int[] CRC_TABLE = crcTable();

  /** Thrown when the input is not a valid bzip2 stream. */
  public static final class Bzip2Exception extends Exception {
    private static final long serialVersionUID = 1L;

    Bzip2Exception(String message) {
      super(message);
    }
  }

  private final byte[] in;
  private long bitPos;
  private final long bitLen;

  private Bzip2(byte[] in) {
    this.in = in;
    this.bitLen = (long) in.length * 8;
  }

  /** Whether {@code data} starts like a bzip2 stream ("BZh" and a block size digit 1-9). */
  public static boolean isBzip2(byte[] data) {
    return data.length >= 4
        && data[0] == 'B'
        && data[1] == 'Z'
        && data[2] == 'h'
        && data[3] >= '1'
        && data[3] <= '9';
  }

  /** Decodes a whole bzip2 file (one stream or several concatenated). */
  public static byte[] decompress(byte[] data) throws Bzip2Exception {
    Bzip2 d = new Bzip2(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 6);
    do {
      d.stream(out);
      d.bitPos = (d.bitPos + 7) & ~7L; // each stream ends padded to a byte
    } while (d.bitPos + 32 <= d.bitLen && isBzip2At(data, (int) (d.bitPos / 8)));
    return out.toByteArray();
  }

  private static boolean isBzip2At(byte[] data, int off) {
    return data[off] == 'B' && data[off + 1] == 'Z' && data[off + 2] == 'h';
  }

  private void stream(ByteArrayOutputStream out) throws Bzip2Exception {
    if (bits(8) != 'B' || bits(8) != 'Z' || bits(8) != 'h') {
      throw new Bzip2Exception("not a bzip2 stream (no BZh header)");
    }
    int level = bits(8) - '0';
    if (level < 1 || level > 9) {
      throw new Bzip2Exception("bad block size '" + (char) (level + '0') + "' in bzip2 header");
    }
    int maxBlock = level * 100_000;
    int combined = 0;
    while (true) {
      long magic = ((long) bits(24) << 24) | bits(24);
      int storedCrc = bits(32);
      if (magic == END_MAGIC) {
        if (storedCrc != combined) {
          throw new Bzip2Exception("bzip2 stream CRC mismatch: the file is corrupt");
        }
        return;
      }
      if (magic != BLOCK_MAGIC) {
        throw new Bzip2Exception("bad bzip2 block header: the file is corrupt or truncated");
      }
      int crc = block(maxBlock, out);
      if (crc != storedCrc) {
        throw new Bzip2Exception("bzip2 block CRC mismatch: the file is corrupt");
      }
      combined = ((combined << 1) | (combined >>> 31)) ^ crc;
    }
  }

  /** Decodes one block to {@code out}; returns the CRC of its output. */
  private int block(int maxBlock, ByteArrayOutputStream out) throws Bzip2Exception {
    if (bits(1) != 0) {
      throw new Bzip2Exception("randomised bzip2 blocks (bzip2 before 0.9.5) are not supported");
    }
    int origPtr = bits(24);
    // Which byte values occur: 16 flags for ranges of 16, then 16 flags per used range.
    int[] seqToByte = new int[256];
    int inUse = 0;
    int ranges = bits(16);
    for (int i = 0; i < 16; i++) {
      if ((ranges & (0x8000 >>> i)) != 0) {
        int used = bits(16);
        for (int j = 0; j < 16; j++) {
          if ((used & (0x8000 >>> j)) != 0) {
            seqToByte[inUse++] = i * 16 + j;
          }
        }
      }
    }
    if (inUse == 0) {
      throw new Bzip2Exception("bzip2 block uses no symbols: the file is corrupt");
    }
    int alphaSize = inUse + 2;
    int groups = bits(3);
    int selectors = bits(15);
    if (groups < 2 || groups > MAX_GROUPS || selectors < 1) {
      throw new Bzip2Exception("bad bzip2 Huffman table count: the file is corrupt");
    }
    byte[] selector = selectors(groups, selectors);
    int[][] limit = new int[groups][];
    int[][] base = new int[groups][];
    int[][] perm = new int[groups][];
    int[] minLen = new int[groups];
    for (int t = 0; t < groups; t++) {
      int[] lens = new int[alphaSize];
      int len = bits(5);
      for (int s = 0; s < alphaSize; s++) {
        while (true) {
          if (len < 1 || len > MAX_CODE_LEN) {
            throw new Bzip2Exception("bad bzip2 code length: the file is corrupt");
          }
          if (bits(1) == 0) {
            break;
          }
          len += bits(1) == 0 ? 1 : -1;
        }
        lens[s] = len;
      }
      minLen[t] = huffman(lens, t, limit, base, perm);
    }
    // Huffman-coded MTF symbols with RUNA/RUNB zero runs, into tt[] (the BWT last column).
    int[] tt = new int[maxBlock];
    int[] count = new int[256];
    int[] mtf = new int[256];
    for (int i = 0; i < 256; i++) {
      mtf[i] = i;
    }
    int n = 0;
    int eob = inUse + 1;
    int group = -1;
    int left = 0;
    int run = 0;
    int runWeight = 1;
    while (true) {
      if (left == 0) {
        if (++group >= selectors) {
          throw new Bzip2Exception("bzip2 block runs past its selectors: the file is corrupt");
        }
        left = GROUP_SIZE;
      }
      left--;
      int t = selector[group];
      int sym = symbol(minLen[t], limit[t], base[t], perm[t]);
      if (sym <= 1) { // RUNA (1x) or RUNB (2x) digit of a bijective base-2 run length
        run += (sym + 1) * runWeight;
        runWeight <<= 1;
        if (run > maxBlock || runWeight > maxBlock) {
          throw new Bzip2Exception("bzip2 run longer than its block: the file is corrupt");
        }
        continue;
      }
      if (run > 0) {
        n = emit(tt, n, seqToByte[mtf[0]], run, maxBlock, count);
        run = 0;
        runWeight = 1;
      }
      if (sym == eob) {
        break;
      }
      int idx = sym - 1;
      int v = mtf[idx];
      System.arraycopy(mtf, 0, mtf, 1, idx);
      mtf[0] = v;
      n = emit(tt, n, seqToByte[v], 1, maxBlock, count);
    }
    if (origPtr >= Math.max(n, 1)) {
      throw new Bzip2Exception("bzip2 block origin out of range: the file is corrupt");
    }
    return inverse(tt, n, origPtr, count, out);
  }

  private byte[] selectors(int groups, int selectors) throws Bzip2Exception {
    byte[] order = new byte[groups];
    for (int i = 0; i < groups; i++) {
      order[i] = (byte) i;
    }
    byte[] selector = new byte[selectors];
    for (int i = 0; i < selectors; i++) {
      int j = 0;
      while (bits(1) != 0) {
        if (++j >= groups) {
          throw new Bzip2Exception("bad bzip2 selector: the file is corrupt");
        }
      }
      byte v = order[j];
      System.arraycopy(order, 0, order, 1, j);
      order[0] = v;
      selector[i] = v;
    }
    return selector;
  }

  /** Canonical Huffman decoding tables for one group; returns the shortest code length. */
  private static int huffman(int[] lens, int t, int[][] limit, int[][] base, int[][] perm) {
    int min = MAX_CODE_LEN;
    int max = 0;
    for (int l : lens) {
      min = Math.min(min, l);
      max = Math.max(max, l);
    }
    int[] p = new int[lens.length];
    int pp = 0;
    for (int len = min; len <= max; len++) {
      for (int s = 0; s < lens.length; s++) {
        if (lens[s] == len) {
          p[pp++] = s;
        }
      }
    }
    int[] lim = new int[MAX_CODE_LEN + 2];
    int[] bas = new int[MAX_CODE_LEN + 2];
    java.util.Arrays.fill(lim, -1);
    int code = 0;
    int index = 0;
    for (int len = min; len <= max; len++) {
      int k = 0;
      for (int l : lens) {
        if (l == len) {
          k++;
        }
      }
      bas[len] = index - code; // symbol index = code + bas[len]
      code += k;
      index += k;
      lim[len] = code - 1;
      code <<= 1;
    }
    limit[t] = lim;
    base[t] = bas;
    perm[t] = p;
    return min;
  }

  private int symbol(int min, int[] lim, int[] bas, int[] p) throws Bzip2Exception {
    int len = min;
    int code = bits(min);
    while (len <= MAX_CODE_LEN) {
      if (code <= lim[len]) {
        int idx = code + bas[len];
        if (idx < 0 || idx >= p.length) {
          break;
        }
        return p[idx];
      }
      code = (code << 1) | bits(1);
      len++;
    }
    throw new Bzip2Exception("bad bzip2 Huffman code: the file is corrupt");
  }

  private static int emit(int[] tt, int n, int b, int times, int max, int[] count)
      throws Bzip2Exception {
    if (n + times > max) {
      throw new Bzip2Exception("bzip2 block larger than its declared size: the file is corrupt");
    }
    for (int i = 0; i < times; i++) {
      tt[n++] = b;
    }
    count[b] += times;
    return n;
  }

  /** Inverse BWT, then undoes the initial run-length step (4 equal bytes + a repeat count). */
  private static int inverse(int[] tt, int n, int origPtr, int[] count, ByteArrayOutputStream out) {
    int[] start = new int[256];
    for (int i = 0, sum = 0; i < 256; i++) {
      start[i] = sum;
      sum += count[i];
    }
    for (int i = 0; i < n; i++) {
      int b = tt[i] & 0xff;
      tt[start[b]++] |= i << 8;
    }
    int crc = -1;
    int pos = tt[origPtr] >>> 8;
    int last = -1;
    int same = 0;
    for (int i = 0; i < n; i++) {
      int entry = tt[pos];
      int b = entry & 0xff;
      pos = entry >>> 8;
      if (same == 4) {
        for (int r = 0; r < b; r++) {
          out.write(last);
          crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ last) & 0xff];
        }
        same = 0;
        last = -1;
        continue;
      }
      same = b == last ? same + 1 : 1;
      last = b;
      out.write(b);
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff];
    }
    return ~crc;
  }

  private int bits(int count) throws Bzip2Exception {
    if (bitPos + count > bitLen) {
      throw new Bzip2Exception("bzip2 data ends early: the file is truncated");
    }
    int v = 0;
    for (int i = 0; i < count; i++) {
      int b = in[(int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7)) & 1;
      v = (v << 1) | b;
      bitPos++;
    }
    return v;
  }

  private static int[] crcTable() {
    int[] t = new int[256];
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04c11db7 : c << 1;
      }
      t[i] = c;
    }
    return t;
  }
}
