package org.pacer.crmd.archive;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * A bzip2 encoder, for the {@code pe-input-N.bz2} files the DC keeps (Pacemaker's format, read by
 * {@code crm_simulate -x}, {@code bzcat} and {@code crm simulate -x}). The JDK has no bzip2 and the
 * format is fixed and small: each block of at most 100 kB goes through the initial run-length step,
 * a Burrows-Wheeler transform (rotations sorted by prefix doubling on packed {@code long} keys),
 * move-to-front with zero-run codes, and Huffman coding; blocks and the stream carry CRCs. Written
 * by hand rather than adding commons-compress (and its three dependencies) for one write path; it
 * favours simplicity over ratio (one Huffman table per block, sent twice because the format wants
 * at least two), which costs a few percent against {@code bzip2 -9}.
 */
public final class Bzip2Encoder {

  /** Block size digit: 100 kB blocks keep a rotation index in 17 bits. */
  private static final int LEVEL = 1;

  /** The largest run-length-encoded block (bzip2 keeps 19 bytes of slack per 100 k). */
  private static final int MAX_BLOCK = LEVEL * 100_000 - 19;

  private static final int MAX_CODE_LENGTH = 17;
  private static final int GROUP_SIZE = 50;
  private static final int[] CRC_TABLE = crcTable();

  private final BitWriter out = new BitWriter();
  private int streamCrc;

  private Bzip2Encoder() {}

  /** The bzip2 file holding {@code data} (an empty input gives a valid empty stream). */
  public static byte[] compress(byte[] data) {
    Bzip2Encoder e = new Bzip2Encoder();
    e.out.bits(8, 'B');
    e.out.bits(8, 'Z');
    e.out.bits(8, 'h');
    e.out.bits(8, '0' + LEVEL);
    int i = 0;
    byte[] block = new byte[MAX_BLOCK];
    while (i < data.length) {
      int crc = 0xffffffff;
      int n = 0;
      while (i < data.length && n <= MAX_BLOCK - 5) {
        byte b = data[i];
        int run = 1;
        while (i + run < data.length && data[i + run] == b && run < 255) {
          run++;
        }
        int copies = Math.min(run, 4);
        for (int k = 0; k < copies; k++) {
          block[n++] = b;
        }
        if (run >= 4) {
          block[n++] = (byte) (run - 4);
        }
        for (int k = 0; k < run; k++) {
          crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        i += run;
      }
      crc = ~crc;
      e.block(Arrays.copyOf(block, n), crc);
    }
    e.out.bits(24, 0x177245);
    e.out.bits(24, 0x385090);
    e.out.bits(32, e.streamCrc);
    return e.out.finish();
  }

  private void block(byte[] block, int crc) {
    streamCrc = ((streamCrc << 1) | (streamCrc >>> 31)) ^ crc;
    int n = block.length;
    int[] sorted = sortRotations(block);
    int origPtr = -1;
    byte[] last = new byte[n];
    for (int k = 0; k < n; k++) {
      int p = sorted[k];
      if (p == 0) {
        origPtr = k;
      }
      last[k] = block[(p + n - 1) % n];
    }

    boolean[] inUse = new boolean[256];
    for (byte b : block) {
      inUse[b & 0xff] = true;
    }
    int[] seq = new int[256];
    int inUseCount = 0;
    for (int c = 0; c < 256; c++) {
      if (inUse[c]) {
        seq[c] = inUseCount++;
      }
    }
    int eob = inUseCount + 1;
    int alphaSize = inUseCount + 2;
    int[] symbols = mtfAndRuns(last, seq, inUseCount, eob);
    int count = symbols[symbols.length - 1];

    int[] freq = new int[alphaSize];
    for (int k = 0; k < count; k++) {
      freq[symbols[k]]++;
    }
    int[] lengths = codeLengths(freq);
    int[] codes = canonicalCodes(lengths);

    out.bits(24, 0x314159);
    out.bits(24, 0x265359);
    out.bits(32, crc);
    out.bits(1, 0); // not randomised
    out.bits(24, origPtr);
    int ranges = 0;
    for (int r = 0; r < 16; r++) {
      for (int c = 0; c < 16; c++) {
        if (inUse[r * 16 + c]) {
          ranges |= 1 << (15 - r);
        }
      }
    }
    out.bits(16, ranges);
    for (int r = 0; r < 16; r++) {
      if ((ranges & (1 << (15 - r))) != 0) {
        int used = 0;
        for (int c = 0; c < 16; c++) {
          if (inUse[r * 16 + c]) {
            used |= 1 << (15 - c);
          }
        }
        out.bits(16, used);
      }
    }
    int selectors = (count + GROUP_SIZE - 1) / GROUP_SIZE;
    out.bits(3, 2); // two tables, both the same
    out.bits(15, selectors);
    for (int s = 0; s < selectors; s++) {
      out.bits(1, 0); // table 0, move-to-front position 0
    }
    for (int t = 0; t < 2; t++) {
      int current = lengths[0];
      out.bits(5, current);
      for (int s = 0; s < alphaSize; s++) {
        while (current < lengths[s]) {
          out.bits(2, 2);
          current++;
        }
        while (current > lengths[s]) {
          out.bits(2, 3);
          current--;
        }
        out.bits(1, 0);
      }
    }
    for (int k = 0; k < count; k++) {
      out.bits(lengths[symbols[k]], codes[symbols[k]]);
    }
  }

  /**
   * The block's rotations in sorted order (their start positions): prefix doubling, each round
   * sorting (rank of the first k bytes, rank of the next k, position) packed in one {@code long}.
   * Equal rotations (a periodic block) stay in position order, which decodes to the same text.
   */
  static int[] sortRotations(byte[] block) {
    int n = block.length;
    int[] rank = new int[n];
    for (int k = 0; k < n; k++) {
      rank[k] = block[k] & 0xff;
    }
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int k = 1; ; k <<= 1) {
      for (int p = 0; p < n; p++) {
        keys[p] = ((long) rank[p] << 34) | ((long) rank[(p + k) % n] << 17) | p;
      }
      Arrays.sort(keys);
      int[] next = new int[n];
      int r = 0;
      for (int j = 0; j < n; j++) {
        order[j] = (int) (keys[j] & 0x1ffff);
        if (j > 0 && (keys[j] >>> 17) != (keys[j - 1] >>> 17)) {
          r++;
        }
        next[order[j]] = r;
      }
      rank = next;
      if (r == n - 1 || k >= n) {
        return order;
      }
    }
  }

  /**
   * Move-to-front over the bytes in use, zero runs as RUNA/RUNB digits (bijective base 2), then
   * end-of-block; the last element of the returned array is the symbol count.
   */
  private static int[] mtfAndRuns(byte[] last, int[] seq, int inUseCount, int eob) {
    int[] symbols = new int[last.length + 2];
    int count = 0;
    byte[] list = new byte[inUseCount];
    for (int k = 0; k < inUseCount; k++) {
      list[k] = (byte) k;
    }
    int zeros = 0;
    for (byte b : last) {
      int v = seq[b & 0xff];
      int j = 0;
      while ((list[j] & 0xff) != v) {
        j++;
      }
      if (j == 0) {
        zeros++;
        continue;
      }
      count = runs(symbols, count, zeros);
      zeros = 0;
      System.arraycopy(list, 0, list, 1, j);
      list[0] = (byte) v;
      symbols[count++] = j + 1;
    }
    count = runs(symbols, count, zeros);
    symbols[count++] = eob;
    int[] result = Arrays.copyOf(symbols, count + 1);
    result[count] = count;
    return result;
  }

  private static int runs(int[] symbols, int count, int zeros) {
    if (zeros == 0) {
      return count;
    }
    int z = zeros - 1;
    while (true) {
      symbols[count++] = (z & 1) == 0 ? 0 : 1; // RUNA, RUNB
      if (z < 2) {
        return count;
      }
      z = (z - 2) >> 1;
    }
  }

  /**
   * Huffman code lengths for every symbol (unused ones too: the decoder needs a code for each), at
   * most {@value #MAX_CODE_LENGTH} bits: while the tree is too deep, flatten the weights and build
   * it again.
   */
  static int[] codeLengths(int[] freq) {
    int size = freq.length;
    long[] weight = new long[size];
    for (int s = 0; s < size; s++) {
      weight[s] = Math.max(1, freq[s]);
    }
    while (true) {
      int[] parent = new int[2 * size];
      long[] w = Arrays.copyOf(weight, 2 * size);
      PriorityQueue<long[]> queue =
          new PriorityQueue<>(
              (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
      for (int s = 0; s < size; s++) {
        queue.add(new long[] {w[s], s});
      }
      int nodes = size;
      while (queue.size() > 1) {
        long[] a = queue.poll();
        long[] b = queue.poll();
        int id = nodes++;
        w[id] = a[0] + b[0];
        parent[(int) a[1]] = id;
        parent[(int) b[1]] = id;
        queue.add(new long[] {w[id], id});
      }
      int root = nodes - 1;
      int[] lengths = new int[size];
      int longest = 0;
      for (int s = 0; s < size; s++) {
        int len = 0;
        for (int x = s; x != root; x = parent[x]) {
          len++;
        }
        lengths[s] = len;
        longest = Math.max(longest, len);
      }
      if (longest <= MAX_CODE_LENGTH) {
        return lengths;
      }
      for (int s = 0; s < size; s++) {
        weight[s] = 1 + weight[s] / 2;
      }
    }
  }

  /** Codes as the decoder assigns them: by length, then by symbol, counting up. */
  static int[] canonicalCodes(int[] lengths) {
    int[] codes = new int[lengths.length];
    int code = 0;
    for (int len = 1; len <= MAX_CODE_LENGTH; len++) {
      for (int s = 0; s < lengths.length; s++) {
        if (lengths[s] == len) {
          codes[s] = code++;
        }
      }
      code <<= 1;
    }
    return codes;
  }

  private static int[] crcTable() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04c11db7 : c << 1;
      }
      table[i] = c;
    }
    return table;
  }

  /** Bits, most significant first. */
  private static final class BitWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long buffer;
    private int held;

    void bits(int count, int value) {
      buffer = (buffer << count) | (value & ((1L << count) - 1));
      held += count;
      while (held >= 8) {
        held -= 8;
        bytes.write((int) (buffer >>> held) & 0xff);
      }
    }

    byte[] finish() {
      if (held > 0) {
        bytes.write((int) (buffer << (8 - held)) & 0xff);
        held = 0;
      }
      return bytes.toByteArray();
    }
  }
}
