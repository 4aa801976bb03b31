package org.pacer.cib.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CIB on disk: {@code cib.xml} with its SHA-256 in {@code cib.xml.sig}, and the previous
 * versions as {@code cib-N.xml} (+ {@code .sig}), the newest {@code keep} of them. A write goes to
 * temporary files that are fsynced, the current pair is renamed into the next backup, the new pair
 * renamed into place, and the directory fsynced, so a crash at any point leaves either the new file
 * or the previous one, both verifiable. The status section is not stored: the controller rebuilds
 * it.
 */
public final class CibStore {
  private static final Logger log = LoggerFactory.getLogger(CibStore.class);
  static final String CURRENT = "cib.xml";
  static final String SIG = ".sig";
  static final String TMP = ".tmp";
  private static final Pattern BACKUP = Pattern.compile("cib-(\\d+)\\.xml");

  private final Path dir;
  private final int keep;

  /** What {@link #load()} found: the CIB and where it came from, with what was refused. */
  public record Loaded(CibDocument cib, String source, List<String> refused) {
    public boolean fromBackup() {
      return !source.equals(CURRENT) && !source.equals("empty");
    }
  }

  public CibStore(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one backup");
    }
    this.dir = dir;
    this.keep = keep;
  }

  public Path dir() {
    return dir;
  }

  public Path current() {
    return dir.resolve(CURRENT);
  }

  /** Writes the CIB (without its status) durably; returns the digest written beside it. */
  public String write(CibDocument cib) {
    byte[] bytes = withoutStatus(cib);
    String digest = CibXml.sha256(bytes);
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(CURRENT + TMP);
      Path sigTmp = dir.resolve(CURRENT + SIG + TMP);
      writeSynced(tmp, bytes);
      writeSynced(sigTmp, (digest + "\n").getBytes(StandardCharsets.US_ASCII));
      Path cur = current();
      Path sig = dir.resolve(CURRENT + SIG);
      if (Files.exists(cur)) {
        long n = newestBackup() + 1;
        Files.move(cur, dir.resolve("cib-" + n + ".xml"), StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(sig)) {
          Files.move(sig, dir.resolve("cib-" + n + ".xml" + SIG), StandardCopyOption.ATOMIC_MOVE);
        }
      }
      // The signature lands first: a crash before the data rename leaves no cib.xml at all,
      // which load() answers with the backup just made, never with a mismatched pair.
      Files.move(sigTmp, sig, StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmp, cur, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(dir);
      prune();
    } catch (IOException e) {
      throw new CibException(CibError.IO, "cannot write the CIB to " + dir + ": " + e, e);
    }
    return digest;
  }

  /**
   * Reads the newest good CIB. A {@code cib.xml} that is torn, truncated, unparsable or does not
   * match its signature is refused with the reason, moved aside (never deleted) and the newest good
   * backup used. A directory with no CIB at all gives an empty CIB; one whose every file is bad is
   * an error, since starting empty would discard the configuration.
   */
  public Loaded load() {
    List<String> refused = new ArrayList<>();
    try {
      Files.deleteIfExists(dir.resolve(CURRENT + TMP));
      Files.deleteIfExists(dir.resolve(CURRENT + SIG + TMP));
      List<Path> candidates = new ArrayList<>();
      if (Files.exists(current())) {
        candidates.add(current());
      }
      candidates.addAll(backupsNewestFirst());
      for (Path p : candidates) {
        try {
          CibDocument cib = read(p);
          if (!refused.isEmpty()) {
            log.warn(
                "CIB loaded from backup {} (version {}) after refusing: {}",
                p.getFileName(),
                cib.version(),
                refused);
          }
          return new Loaded(cib, p.getFileName().toString(), refused);
        } catch (CibException e) {
          refused.add(p.getFileName() + ": " + e.getMessage());
          log.error("refusing {}: {}", p, e.getMessage());
          if (p.equals(current())) {
            quarantine(p);
          }
        }
      }
    } catch (IOException e) {
      throw new CibException(CibError.IO, "cannot read the CIB directory " + dir + ": " + e, e);
    }
    if (!refused.isEmpty()) {
      throw new CibException(
          CibError.IO,
          "no good CIB in " + dir + "; every file was refused (nothing was deleted)",
          refused);
    }
    return new Loaded(CibDocument.empty(), "empty", refused);
  }

  /** Reads and verifies one stored file. */
  CibDocument read(Path p) throws IOException {
    byte[] bytes = Files.readAllBytes(p);
    if (bytes.length == 0) {
      throw new CibException(CibError.IO, "the file is empty (truncated)");
    }
    Path sigPath = p.resolveSibling(p.getFileName() + SIG);
    String expected = null;
    try {
      expected = Files.readString(sigPath, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      // A cib.xml copied in by hand (e.g. from Pacemaker) has no signature yet; the next write adds
      // one.
      log.warn("{} has no {}; accepting it unverified", p.getFileName(), sigPath.getFileName());
    }
    String actual = CibXml.sha256(bytes);
    if (expected != null && !expected.equals(actual)) {
      throw new CibException(
          CibError.IO,
          "digest mismatch: "
              + sigPath.getFileName()
              + " says "
              + abbreviate(expected)
              + " but the file hashes to "
              + abbreviate(actual)
              + " (torn, truncated or edited)");
    }
    return CibDocument.parse(bytes, p.getFileName().toString());
  }

  private static String abbreviate(String digest) {
    return digest.length() > 16 ? digest.substring(0, 16) + "…" : digest;
  }

  private void quarantine(Path p) throws IOException {
    Path aside = p.resolveSibling(p.getFileName() + ".refused-" + System.currentTimeMillis());
    Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
    Path sig = p.resolveSibling(p.getFileName() + SIG);
    if (Files.exists(sig)) {
      Files.move(
          sig, aside.resolveSibling(aside.getFileName() + SIG), StandardCopyOption.ATOMIC_MOVE);
    }
    log.error("moved the refused {} aside to {}", p.getFileName(), aside.getFileName());
  }

  /** Backups, newest first. */
  public List<Path> backupsNewestFirst() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> BACKUP.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(CibStore::backupNumber).reversed())
          .toList();
    }
  }

  private long newestBackup() throws IOException {
    List<Path> b = backupsNewestFirst();
    return b.isEmpty() ? 0 : backupNumber(b.get(0));
  }

  private static long backupNumber(Path p) {
    Matcher m = BACKUP.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private void prune() throws IOException {
    List<Path> b = backupsNewestFirst();
    for (int i = keep; i < b.size(); i++) {
      Files.deleteIfExists(b.get(i));
      Files.deleteIfExists(b.get(i).resolveSibling(b.get(i).getFileName() + SIG));
    }
  }

  static byte[] withoutStatus(CibDocument cib) {
    return CibXml.toBytesWithoutStatus(cib.root());
  }

  private static void writeSynced(Path p, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            p,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
