package org.pacer.crmd.controller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code op-digest} recorded with an operation: MD5 (hex) of the agent parameters it ran with,
 * rendered as {@code " <parameters NAME=\"VALUE\" .../>\n"} (a leading space, names sorted, a
 * trailing newline) with {@code CRM_meta_*} and {@code crm_feature_set} left out: the digest
 * Pacemaker records, so its scheduler and Pacer's pengine both see an unchanged definition as
 * unchanged (and restart or reload a resource whose parameters changed).
 */
public final class OpDigest {

  private OpDigest() {}

  public static String of(Map<String, String> attributes) {
    TreeMap<String, String> params = new TreeMap<>();
    attributes.forEach(
        (k, v) -> {
          if (!k.startsWith("CRM_meta_") && !k.equals("crm_feature_set")) {
            params.put(k, v);
          }
        });
    StringBuilder sb = new StringBuilder(" <parameters");
    params.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
    sb.append("/>\n");
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has MD5", e);
    }
  }

  private static String escape(String v) {
    return v.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
