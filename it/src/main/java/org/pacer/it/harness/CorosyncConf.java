package org.pacer.it.harness;

import java.util.List;

/** The corosync.conf every node of a test cluster shares. */
public final class CorosyncConf {
  private CorosyncConf() {}

  public static String render(String cluster, int port, String totemLines, List<String> addresses) {
    StringBuilder conf = new StringBuilder();
    conf.append("totem {\n  version: 2\n  cluster_name: ").append(cluster).append('\n');
    conf.append("  transport: knet\n  crypto_hash: sha256\n  crypto_cipher: none\n");
    for (String line : totemLines.split("\n")) {
      if (!line.isBlank()) {
        conf.append("  ").append(line.strip()).append('\n');
      }
    }
    conf.append("  interface {\n    linknumber: 0\n    mcastport: ")
        .append(port)
        .append("\n  }\n}\n");
    conf.append("nodelist {\n");
    for (int i = 0; i < addresses.size(); i++) {
      conf.append("  node {\n    nodeid: ").append(i + 1).append("\n    name: n").append(i + 1);
      conf.append("\n    ring0_addr: ").append(addresses.get(i)).append("\n  }\n");
    }
    conf.append("}\nquorum {\n  provider: corosync_votequorum\n}\n");
    conf.append("logging {\n  to_stderr: yes\n}\n");
    return conf.toString();
  }
}
