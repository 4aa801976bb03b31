package org.pacer.pengine.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameter digests as recorded with each operation (op-digest, op-restart-digest): the MD5 of the
 * parameters written as one XML element with sorted attributes. A recorded digest that no longer
 * matches the configuration means the resource definition changed.
 */
final class Digest {
  private Digest() {}

  static String of(Map<String, String> params) {
    StringBuilder s = new StringBuilder(" <parameters");
    for (var e : new TreeMap<>(params).entrySet()) {
      s.append(' ').append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    s.append("/>\n");
    try {
      byte[] d =
          MessageDigest.getInstance("MD5").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  /**
   * The parameters a start's digest covers: the resource's and the start operation's own, without
   * "#default" values (old CIBs' way of saying "not set").
   */
  static Map<String, String> startParams(Primitive p) {
    Map<String, String> params = new TreeMap<>(p.params);
    params.values().removeIf("#default"::equals);
    for (var o : p.ops) {
      if ("start".equals(o.name()) && o.intervalMs() == 0) {
        params.putAll(o.params());
      }
    }
    return params;
  }

  /** The digest over only the parameters named in a force-restart list (" a b "). */
  static String restartOf(Map<String, String> params, String forceRestart) {
    Map<String, String> only = new TreeMap<>();
    for (String name : forceRestart.trim().split("\\s+")) {
      if (!name.isEmpty() && params.containsKey(name)) {
        only.put(name, params.get(name));
      }
    }
    return of(only);
  }

  /**
   * The digest over the parameters not named in a secure-params list (" passwd "), leaving out too
   * the fencer's own pcmk_* parameters.
   */
  static String without(Map<String, String> params, String secret) {
    Map<String, String> rest = new TreeMap<>(params);
    rest.keySet().removeIf(k -> k.startsWith("pcmk_"));
    for (String name : secret.trim().split("\\s+")) {
      rest.remove(name);
    }
    return of(rest);
  }

  private static String escape(String v) {
    if (v == null) {
      return "";
    }
    return v.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
