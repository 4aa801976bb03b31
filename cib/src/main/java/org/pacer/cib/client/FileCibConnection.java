package org.pacer.cib.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.pacer.cib.acl.AclEnforcer;
import org.pacer.cib.document.CibDocument;
import org.pacer.cib.document.CibError;
import org.pacer.cib.document.CibException;
import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibUpdater;
import org.pacer.cib.ops.CibWrite;
import org.pacer.cib.ops.WriteContext;
import org.pacer.cib.ops.WriteOutcome;

/**
 * {@code CIB_file=PATH}: the CIB is a file and no cluster is involved, as with Pacemaker's tools.
 * Each write reads the file, applies the write with the same rules as the daemon, and replaces the
 * file atomically (temporary file, fsync, rename); a refused write leaves the file as it was. The
 * status section is kept, since the file is the whole CIB.
 */
public final class FileCibConnection implements CibConnection {
  private final Path file;
  private final String user;
  private final CibUpdater updater;
  private final AclEnforcer acl;
  private final Clock clock;
  private final String origin;

  /**
   * @param user the identity ACLs apply to: Pacemaker's tools in file mode act as {@code CIB_user}
   *     when it is set and otherwise as the superuser, and so does this
   */
  public FileCibConnection(Path file, String user, Clock clock, String origin) {
    this.file = file;
    this.user = user;
    this.acl = new AclEnforcer();
    this.updater = new CibUpdater(org.pacer.cib.schema.CibValidator.standard(), acl);
    this.clock = clock;
    this.origin = origin;
  }

  CibDocument load() {
    try {
      return CibDocument.parse(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new CibException(CibError.NO_SUCH_OBJECT, "CIB_file " + file + " does not exist");
    } catch (IOException e) {
      throw new CibException(CibError.IO, "cannot read CIB_file " + file + ": " + e, e);
    }
  }

  @Override
  public String query(CibQuery query) {
    return query.render(acl.filterRead(load(), user));
  }

  @Override
  public CibVersion write(CibWrite write, CibVersion basedOn) {
    CibDocument current = load();
    WriteContext ctx = WriteContext.of(user, "crm cib", origin, clock.instant()).basedOn(basedOn);
    WriteOutcome out = updater.apply(current, write, ctx);
    if (out.changed()) {
      store(out.cib());
    }
    return out.cib().version();
  }

  private void store(CibDocument cib) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, cib.toXml());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CibException(CibError.IO, "cannot write CIB_file " + file + ": " + e, e);
    }
  }

  @Override
  public String describe() {
    return "CIB_file " + file;
  }

  @Override
  public void close() {}
}
