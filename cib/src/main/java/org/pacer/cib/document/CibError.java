package org.pacer.cib.document;

/**
 * Why a CIB request failed, with the exit code cibadmin uses for the same failure so that scripts
 * written against Pacemaker keep working.
 */
public enum CibError {
  /** The input is not well-formed XML (cibadmin: CRM_EX_CONFIG). */
  MALFORMED(78),
  /** The result would break the schema or a reference (cibadmin: CRM_EX_CONFIG). */
  SCHEMA(78),
  /** Nothing matches the scope, id or XPath (cibadmin: CRM_EX_NOSUCH). */
  NO_SUCH_OBJECT(105),
  /** The XPath does not parse; cibadmin reports this as CRM_EX_NOSUCH too. */
  BAD_XPATH(105),
  /** Create of an element whose id already exists (cibadmin: CRM_EX_EXISTS). */
  EXISTS(108),
  /** A replace older than the current CIB, or a write based on a version that has moved on. */
  OLD_VERSION(103),
  /** ACLs forbid the request (cibadmin: CRM_EX_INSUFFICIENT_PRIV). */
  PERMISSION_DENIED(4),
  /** A dangerous request (erase) without --force (cibadmin: CRM_EX_UNSAFE). */
  UNSAFE(107),
  /** The write is larger than the configured limit (CRM_EX_DATAERR). */
  TOO_LARGE(65),
  /** The request itself is incomplete or contradictory (CRM_EX_USAGE). */
  USAGE(64),
  /** The cluster is synchronising its copies; the write can be retried (CRM_EX_TEMPFAIL). */
  RETRY(75),
  /** The daemon cannot be reached (CRM_EX_DISCONNECT). */
  DISCONNECTED(102),
  /** The file or disk failed (CRM_EX_IOERR). */
  IO(74),
  /** Authentication of a remote user failed (CRM_EX_INSUFFICIENT_PRIV). */
  NOT_AUTHENTICATED(4),
  /** Anything else (CRM_EX_ERROR). */
  FAILED(1);

  private final int exitCode;

  CibError(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code cibadmin returns for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
