package org.pacer.membership.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pacer.membership.config.ConfSection.ConfEntry;

/**
 * Turns a parsed corosync.conf into a {@link ClusterConfig}: types every value, applies Corosync
 * 3's defaults, and checks the nodelist. Keys Corosync knows but Pacer does not need are accepted
 * silently so that a real corosync.conf loads unchanged; keys nobody knows are warnings naming
 * file:line; values that cannot be used are {@link ConfException}s naming file:line.
 */
public final class ClusterConfigReader {

  private static final Set<String> TOTEM_KEYS =
      Set.of(
          "version",
          "cluster_name",
          "token",
          "token_coefficient",
          "token_retransmit",
          "token_warning",
          "hold",
          "token_retransmits_before_loss_const",
          "join",
          "send_join",
          "consensus",
          "merge",
          "downcheck",
          "fail_recv_const",
          "seqno_unchanged_const",
          "heartbeat_failures_allowed",
          "max_network_delay",
          "window_size",
          "max_messages",
          "miss_count_const",
          "netmtu",
          "transport",
          "crypto_hash",
          "crypto_cipher",
          "crypto_model",
          "secauth",
          "keyfile",
          "key",
          "link_mode",
          "ip_version",
          "clear_node_high_bit",
          "config_version",
          "knet_pmtud_interval",
          "knet_mtu",
          "knet_compression_model",
          "knet_compression_threshold",
          "knet_compression_level",
          "block_unlisted_ips",
          "cancel_token_hold_on_retransmit",
          "nodeid",
          "threads",
          "rrp_mode",
          "vsftype");
  private static final Set<String> INTERFACE_KEYS =
      Set.of(
          "linknumber",
          "ringnumber",
          "mcastport",
          "bindnetaddr",
          "mcastaddr",
          "broadcast",
          "ttl",
          "knet_link_priority",
          "knet_ping_interval",
          "knet_ping_timeout",
          "knet_ping_precision",
          "knet_pong_count",
          "knet_transport");
  private static final Set<String> QUORUM_KEYS =
      Set.of(
          "provider",
          "expected_votes",
          "votes",
          "two_node",
          "wait_for_all",
          "last_man_standing",
          "last_man_standing_window",
          "auto_tie_breaker",
          "auto_tie_breaker_node",
          "allow_downscale",
          "expected_votes_tracking");
  private static final Set<String> LOGGING_KEYS =
      Set.of(
          "timestamp",
          "fileline",
          "function_name",
          "blackbox",
          "to_stderr",
          "to_logfile",
          "to_syslog",
          "logfile",
          "logfile_priority",
          "syslog_facility",
          "syslog_priority",
          "debug",
          "subsys",
          "tags",
          "to_file");

  /** Sections Corosync has that Pacer has no use for: read silently. */
  private static final Set<String> IGNORED_SECTIONS = Set.of("system", "resources", "nozzle");

  private static final Pattern RING_ADDR = Pattern.compile("ring([0-7])_addr");

  private final String file;
  private final List<ConfWarning> warnings = new ArrayList<>();

  private ClusterConfigReader(String file) {
    this.file = file;
  }

  /** Reads and checks a corosync.conf file. */
  public static ClusterConfig read(Path path) throws ConfException, IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    return read(path.toString(), text);
  }

  /** Reads and checks corosync.conf text; {@code file} names it in messages. */
  public static ClusterConfig read(String file, String text) throws ConfException {
    ConfSection top = new ConfParser(file).parse(text);
    return new ClusterConfigReader(file).build(top);
  }

  private ClusterConfig build(ConfSection top) throws ConfException {
    for (ConfEntry e : top.entries()) {
      warn(e.line(), "key '" + e.key() + "' outside any section is ignored");
    }
    ConfSection totem = single(top, "totem");
    ConfSection quorum = single(top, "quorum");
    ConfSection logging = single(top, "logging");
    ConfSection nodelist = single(top, "nodelist");
    for (ConfSection s : top.sections()) {
      String n = s.name();
      if (!Set.of("totem", "quorum", "logging", "nodelist").contains(n)
          && !IGNORED_SECTIONS.contains(n)) {
        warn(s.line(), "unknown section '" + n + "' is ignored");
      }
    }
    TotemSettings totemSettings = totem(totem);
    List<NodeEntry> nodes = nodes(nodelist, totemSettings.transport());
    QuorumSettings quorumSettings = quorum(quorum, nodes);
    LoggingSettings loggingSettings = logging(logging);
    return new ClusterConfig(file, totemSettings, nodes, quorumSettings, loggingSettings, warnings);
  }

  private ConfSection single(ConfSection top, String name) throws ConfException {
    List<ConfSection> found = top.sections(name);
    if (found.size() > 1) {
      throw new ConfException(
          file,
          found.get(1).line(),
          "second '" + name + "' section (the first is at line " + found.get(0).line() + ")");
    }
    return found.isEmpty() ? new ConfSection(name, 0, List.of(), List.of()) : found.get(0);
  }

  private TotemSettings totem(ConfSection s) throws ConfException {
    checkKeys(s, TOTEM_KEYS, "totem");
    Map<Integer, Integer> ports = new HashMap<>();
    for (ConfSection child : s.sections()) {
      if (!child.name().equals("interface")) {
        warn(child.line(), "unknown section 'totem." + child.name() + "' is ignored");
        continue;
      }
      checkKeys(child, INTERFACE_KEYS, "totem.interface");
      int link = (int) number(child, "linknumber", number(child, "ringnumber", 0, 0, 7), 0, 7);
      if (child.entry("mcastport").isPresent()) {
        ports.put(link, (int) number(child, "mcastport", 0, 1, 65535));
      }
    }
    String transport = choice(s, "transport", "knet", Set.of("knet", "udpu", "udp"));
    if (transport.equals("udp")) {
      warn(
          s.entry("transport").get().line(),
          "transport 'udp' (multicast) is run as unicast UDP to every node of the nodelist");
    }
    boolean secauth = bool(s, "secauth", false);
    String hash =
        choice(
            s,
            "crypto_hash",
            secauth ? "sha256" : "none",
            Set.of("none", "md5", "sha1", "sha256", "sha384", "sha512"));
    String cipher =
        choice(
            s,
            "crypto_cipher",
            secauth ? "aes256" : "none",
            Set.of("none", "aes256", "aes192", "aes128"));
    if (!cipher.equals("none") && hash.equals("none")) {
      throw new ConfException(
          file,
          s.entry("crypto_cipher").map(ConfEntry::line).orElse(s.line()),
          "crypto_cipher " + cipher + " requires crypto_hash to be set as well");
    }
    if (hash.equals("md5")) {
      warn(
          s.entry("crypto_hash").get().line(),
          "crypto_hash md5 no longer authenticates: Pacer uses HMAC-SHA256 instead");
    }
    s.entry("keyfile")
        .ifPresent(
            e ->
                warn(
                    e.line(),
                    "keyfile is ignored: Pacer reads the key from <root>/etc/pacer/authkey"));
    long token = number(s, "token", 3000, 10, 600_000);
    return new TotemSettings(
        s.entry("cluster_name").map(ConfEntry::value).orElse(""),
        token,
        number(s, "token_coefficient", 650, 0, 600_000),
        number(s, "consensus", 0, 1, 600_000),
        number(s, "join", 50, 1, 600_000),
        number(s, "merge", 200, 1, 600_000),
        number(s, "hold", 0, 1, 600_000),
        number(s, "token_retransmit", 0, 1, 600_000),
        (int) number(s, "token_retransmits_before_loss_const", 4, 1, 100),
        number(s, "send_join", 0, 0, 600_000),
        (int) number(s, "fail_recv_const", 2500, 1, 1_000_000),
        (int) number(s, "max_messages", 17, 1, 10_000),
        (int) number(s, "window_size", 50, 1, 100_000),
        (int) number(s, "netmtu", 1500, 576, 65_000),
        hash,
        cipher,
        transport,
        ports);
  }

  private List<NodeEntry> nodes(ConfSection nodelist, String transport) throws ConfException {
    for (ConfEntry e : nodelist.entries()) {
      warn(e.line(), "unknown key 'nodelist." + e.key() + "' is ignored");
    }
    List<NodeEntry> nodes = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ConfSection node : nodelist.sections()) {
      if (!node.name().equals("node")) {
        warn(node.line(), "unknown section 'nodelist." + node.name() + "' is ignored");
        continue;
      }
      List<String> addrs = new ArrayList<>();
      for (ConfEntry e : node.entries()) {
        Matcher m = RING_ADDR.matcher(e.key());
        if (m.matches()) {
          int link = Integer.parseInt(m.group(1));
          while (addrs.size() <= link) {
            addrs.add(null);
          }
          addrs.set(link, e.value());
        } else if (!Set.of("nodeid", "name", "quorum_votes").contains(e.key())) {
          warn(e.line(), "unknown key 'nodelist.node." + e.key() + "' is ignored");
        }
      }
      if (addrs.isEmpty() || addrs.get(0) == null) {
        throw new ConfException(file, node.line(), "node has no ring0_addr");
      }
      int id;
      if (node.entry("nodeid").isPresent()) {
        id = (int) number(node, "nodeid", 0, 1, 0xFFFF_FFFFL);
      } else if (!transport.equals("knet") && isIpv4(addrs.get(0))) {
        // Corosync's udp/udpu derive a missing nodeid from the IPv4 address.
        id = ipv4Value(addrs.get(0));
      } else {
        throw new ConfException(file, node.line(), "node has no nodeid (required with knet)");
      }
      String name = node.entry("name").map(ConfEntry::value).orElse(addrs.get(0));
      int votes = (int) number(node, "quorum_votes", 1, 0, 1_000_000);
      if (!ids.add(id)) {
        throw new ConfException(
            file, node.line(), "nodeid " + Integer.toUnsignedString(id) + " is used twice");
      }
      if (!names.add(name)) {
        throw new ConfException(file, node.line(), "node name '" + name + "' is used twice");
      }
      nodes.add(new NodeEntry(id, name, addrs, votes));
    }
    if (nodes.isEmpty()) {
      throw new ConfException(
          file, nodelist.line(), "the nodelist has no node: Pacer needs every node listed");
    }
    return nodes;
  }

  private QuorumSettings quorum(ConfSection s, List<NodeEntry> nodes) throws ConfException {
    checkKeys(s, QUORUM_KEYS, "quorum");
    for (ConfSection child : s.sections()) {
      warn(
          child.line(),
          "quorum." + child.name() + " is not supported (no quorum device) and is ignored");
    }
    String provider = s.entry("provider").map(ConfEntry::value).orElse("");
    if (!provider.isEmpty() && !provider.equals("corosync_votequorum")) {
      throw new ConfException(
          file,
          s.entry("provider").get().line(),
          "quorum provider '" + provider + "' is unknown (only corosync_votequorum exists)");
    }
    boolean twoNode = bool(s, "two_node", false);
    List<Integer> atbNodes = new ArrayList<>();
    ConfEntry atb = s.entry("auto_tie_breaker_node").orElse(null);
    if (atb != null && !atb.value().equals("lowest")) {
      if (atb.value().equals("highest")) {
        atbNodes.add(QuorumSettings.HIGHEST);
      } else {
        for (String part : atb.value().split("\\s+")) {
          try {
            atbNodes.add((int) Long.parseLong(part));
          } catch (NumberFormatException e) {
            throw new ConfException(
                file,
                atb.line(),
                "auto_tie_breaker_node must be lowest, highest or node ids, not '"
                    + atb.value()
                    + "'");
          }
        }
      }
    }
    s.entry("votes")
        .ifPresent(
            e -> warn(e.line(), "quorum.votes is deprecated: set quorum_votes in each node"));
    for (String unsupported : List.of("allow_downscale", "expected_votes_tracking")) {
      if (bool(s, unsupported, false)) {
        warn(
            s.entry(unsupported).get().line(),
            "quorum." + unsupported + " is not supported by Pacer and is ignored");
      }
    }
    return new QuorumSettings(
        provider,
        (int) number(s, "expected_votes", 0, 1, 1_000_000),
        twoNode,
        bool(s, "wait_for_all", twoNode),
        bool(s, "last_man_standing", false),
        number(s, "last_man_standing_window", 10_000, 1, 3_600_000),
        bool(s, "auto_tie_breaker", false),
        atbNodes);
  }

  private LoggingSettings logging(ConfSection s) throws ConfException {
    checkKeys(s, LOGGING_KEYS, "logging");
    for (ConfSection child : s.sections()) {
      if (child.name().equals("logger_subsys")) {
        checkKeys(child, LOGGING_KEYS, "logging.logger_subsys");
      } else {
        warn(child.line(), "unknown section 'logging." + child.name() + "' is ignored");
      }
    }
    String debug = s.entry("debug").map(ConfEntry::value).orElse("off");
    return new LoggingSettings(
        bool(s, "to_stderr", true),
        bool(s, "to_logfile", false),
        bool(s, "to_syslog", true),
        s.entry("logfile").map(ConfEntry::value).orElse(null),
        debug.equals("on") || debug.equals("trace"));
  }

  private void checkKeys(ConfSection s, Set<String> known, String where) {
    for (ConfEntry e : s.entries()) {
      if (!known.contains(e.key())) {
        warn(e.line(), "unknown key '" + where + "." + e.key() + "' is ignored");
      }
    }
  }

  private void warn(int line, String message) {
    warnings.add(new ConfWarning(file, line, message));
  }

  private long number(ConfSection s, String key, long dflt, long min, long max)
      throws ConfException {
    ConfEntry e = s.entry(key).orElse(null);
    if (e == null) {
      return dflt;
    }
    long v;
    try {
      v = Long.parseLong(e.value());
    } catch (NumberFormatException ex) {
      throw new ConfException(
          file, e.line(), key + " must be a whole number, not '" + e.value() + "'");
    }
    if (v < min || v > max) {
      throw new ConfException(
          file, e.line(), key + " " + v + " is out of range (" + min + ".." + max + ")");
    }
    return v;
  }

  private boolean bool(ConfSection s, String key, boolean dflt) throws ConfException {
    ConfEntry e = s.entry(key).orElse(null);
    if (e == null) {
      return dflt;
    }
    switch (e.value().toLowerCase(Locale.ROOT)) {
      case "1", "yes", "on", "true":
        return true;
      case "0", "no", "off", "false":
        return false;
      default:
        throw new ConfException(
            file, e.line(), key + " must be yes/no (or 1/0, on/off), not '" + e.value() + "'");
    }
  }

  private String choice(ConfSection s, String key, String dflt, Set<String> allowed)
      throws ConfException {
    ConfEntry e = s.entry(key).orElse(null);
    if (e == null) {
      return dflt;
    }
    String v = e.value().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new ConfException(
          file,
          e.line(),
          key + " '" + e.value() + "' is not one of " + new java.util.TreeSet<>(allowed));
    }
    return v;
  }

  private static boolean isIpv4(String s) {
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static int ipv4Value(String s) throws ConfException {
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    } catch (IOException e) {
      throw new ConfException("?", 0, "bad IPv4 address " + s);
    }
  }
}
