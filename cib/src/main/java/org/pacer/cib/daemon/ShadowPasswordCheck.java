package org.pacer.cib.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.security.PasswordCheck;
import org.pacer.messaging.security.SystemAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates remote administrators against the node's own users, as Pacemaker does through PAM:
 * the user must be in {@code haclient}, and the password must match the user's hash in {@code
 * /etc/shadow}. The hash is checked with the system's crypt(3) (so yescrypt, SHA-512 and every
 * other scheme the system's libcrypt knows work), reached through perl, which every Debian system
 * has (perl-base is essential): Java has no crypt(3) of its own, and reimplementing yescrypt would
 * be both long and a security risk. Hash and password travel on perl's standard input, never on a
 * command line other users could read. This covers the local-files part of PAM (pam_unix); users
 * that exist only in LDAP or Kerberos cannot administer remotely.
 */
public final class ShadowPasswordCheck implements PasswordCheck {
  private static final Logger log = LoggerFactory.getLogger(ShadowPasswordCheck.class);
  static final String GROUP = "haclient";
  private static final String VERIFY =
      "my $h = <STDIN>; my $p = <STDIN>; chomp $h; chomp $p;"
          + " print((length($h) > 1 && crypt($p, $h) eq $h) ? 'ok' : 'no');";

  private final Path shadow;
  private final Path passwd;
  private final SystemAccounts accounts;
  private final String perl;

  public ShadowPasswordCheck(Path shadow, Path passwd, SystemAccounts accounts, String perl) {
    this.shadow = shadow;
    this.passwd = passwd;
    this.accounts = accounts;
    this.perl = perl;
  }

  public static ShadowPasswordCheck system() {
    return new ShadowPasswordCheck(
        Path.of("/etc/shadow"), Path.of("/etc/passwd"), SystemAccounts.system(), "perl");
  }

  @Override
  public boolean accepts(String user, String password) {
    if (user == null || password == null || user.isEmpty() || user.contains(":")) {
      return false;
    }
    if (!inClientGroup(user)) {
      log.warn("remote login refused for '{}': not a member of group {}", user, GROUP);
      return false;
    }
    String hash = hashOf(user);
    if (hash == null || hash.startsWith("!") || hash.startsWith("*") || hash.isEmpty()) {
      log.warn("remote login refused for '{}': no usable password", user);
      return false;
    }
    boolean ok = crypt(hash, password);
    if (!ok) {
      log.warn("remote login refused for '{}': wrong password", user);
    }
    return ok;
  }

  private boolean inClientGroup(String user) {
    if (accounts.listedInGroup(user, GROUP)) {
      return true;
    }
    var gid = accounts.groupId(GROUP);
    String primary = field(passwd, user, 3);
    return gid.isPresent() && primary != null && primary.equals(Integer.toString(gid.getAsInt()));
  }

  private String hashOf(String user) {
    return field(shadow, user, 1);
  }

  /** Field {@code n} of the user's line in a colon-separated account file, or null. */
  private static String field(Path file, String user, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        String[] f = line.split(":", -1);
        if (f.length > n && f[0].equals(user)) {
          return f[n];
        }
      }
      return null;
    } catch (IOException e) {
      log.error("cannot read {} to check a remote login: {}", file, e.getMessage());
      return null;
    }
  }

  private boolean crypt(String hash, String password) {
    if (hash.contains("\n") || password.contains("\n")) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(perl, "-e", VERIFY).redirectErrorStream(true).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write((hash + "\n" + password + "\n").getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0 && out.equals("ok");
    } catch (IOException e) {
      log.error("cannot run {} to check a password: {}", perl, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
