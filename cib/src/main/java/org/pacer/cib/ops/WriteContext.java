package org.pacer.cib.ops;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.pacer.cib.document.CibVersion;

/**
 * Who writes, when, and under which conditions. The time comes from the caller (the node that
 * accepted the write) so that every node applying the write stamps the same {@code
 * cib-last-written}.
 *
 * @param user the identity ACLs apply to
 * @param client the program that asked (cibadmin, crmd, ...), recorded as update-client
 * @param origin the node that accepted the write, recorded as update-origin
 * @param time when the write was accepted
 * @param basedOn the version the writer read, or null: when set and the CIB has moved on, the write
 *     is refused (optimistic concurrency)
 * @param maxWriteBytes the largest XML a write may carry
 * @param groups the user's system groups as the accepting node resolved them (for {@code
 *     acl_group}), carried with the write so every node decides ACLs alike; null to resolve locally
 */
public record WriteContext(
    String user,
    String client,
    String origin,
    Instant time,
    CibVersion basedOn,
    int maxWriteBytes,
    Set<String> groups) {

  /** 10 MiB: twice the largest CIB the benchmarks use, far above any hand-written change. */
  public static final int DEFAULT_MAX_WRITE_BYTES = 10 * 1024 * 1024;

  public WriteContext {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(time, "time");
    if (maxWriteBytes <= 0) {
      throw new IllegalArgumentException("maxWriteBytes must be positive");
    }
    groups = groups == null ? null : Set.copyOf(groups);
  }

  public static WriteContext of(String user, String client, String origin, Instant time) {
    return new WriteContext(user, client, origin, time, null, DEFAULT_MAX_WRITE_BYTES, null);
  }

  public WriteContext basedOn(CibVersion version) {
    return new WriteContext(user, client, origin, time, version, maxWriteBytes, groups);
  }

  public WriteContext withMaxWriteBytes(int max) {
    return new WriteContext(user, client, origin, time, basedOn, max, groups);
  }

  public WriteContext withGroups(Set<String> resolved) {
    return new WriteContext(user, client, origin, time, basedOn, maxWriteBytes, resolved);
  }
}
