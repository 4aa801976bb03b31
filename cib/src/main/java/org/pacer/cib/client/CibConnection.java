package org.pacer.cib.client;

import org.pacer.cib.document.CibVersion;
import org.pacer.cib.ops.CibQuery;
import org.pacer.cib.ops.CibWrite;

/**
 * A way to reach a CIB: a file ({@code CIB_file}), the local daemon, or a remote one. Every method
 * either succeeds or throws {@link org.pacer.cib.document.CibException} with the reason and the
 * exit code cibadmin would use.
 */
public interface CibConnection extends AutoCloseable {

  /** The query's answer as text (XML, or paths), as the caller's ACLs let them see it. */
  String query(CibQuery query);

  /**
   * Applies a write.
   *
   * @param basedOn the version the caller read, for optimistic concurrency, or null
   * @return the CIB version after the write
   */
  CibVersion write(CibWrite write, CibVersion basedOn);

  /** What this connection talks to, for messages (a path, a socket, host:port). */
  String describe();

  @Override
  void close();
}
