package org.pacer.cib.daemon;

/** Request types and push topics of the CIB daemon. */
public final class CibProtocol {
  /** Body: scope, xpath, nodePath, noChildren, asUser. Answer: {@code text}, {@code version}. */
  public static final String QUERY = "cib.query";

  /** Body: write (see ReplicationCodec.writeToJson), basedOn, client, asUser. Answer: version. */
  public static final String WRITE = "cib.write";

  /** Answer: node, version, digest, syncing, members. */
  public static final String STATUS = "cib.status";

  /**
   * Push: each change as a diff (DiffCodec). When ACLs are enabled the diff is sent without its
   * changes ({@code restricted: true}) and subscribers read the CIB again through their ACLs.
   */
  public static final String DIFF = "cib.diff";

  /** Push: the CIB was replaced by synchronisation; subscribers read it again. */
  public static final String REFRESH = "cib.refresh";

  private CibProtocol() {}
}
