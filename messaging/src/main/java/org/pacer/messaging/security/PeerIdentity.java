package org.pacer.messaging.security;

/**
 * Who is on the other end of a connection, as the server established it: from the kernel's peer
 * credentials on a local socket, or from a checked password over TCP. Handlers use it for ACLs and
 * logs.
 *
 * @param user the user name ("uid:N" when the uid has no name)
 * @param uid the numeric uid, or -1 when the peer is remote
 * @param pid the peer's process id, or -1 when unknown
 * @param origin where the connection came from, for logs ("local" or "tcp 10.0.0.1:4455")
 */
public record PeerIdentity(String user, int uid, int pid, String origin) {

  /** Whether this peer bypasses ACLs as Pacemaker's privileged users do. */
  public boolean privileged() {
    return uid == 0 || "root".equals(user) || "hacluster".equals(user);
  }

  @Override
  public String toString() {
    return user + (pid > 0 ? "[" + pid + "]" : "") + "@" + origin;
  }
}
