package org.pacer.messaging.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pacer.messaging.transport.TlsConfig;

/**
 * Makes throw-away TLS material with the JDK's own {@code keytool}, so TLS tests need no extra
 * library: a self-signed server certificate for 127.0.0.1/localhost and a trust store holding it.
 */
public final class TestCertificates {

  public static final String PASSWORD = "changeit";

  private TestCertificates() {}

  /** A server identity (key store) and a trust store that trusts exactly it. */
  public record Pair(Path keyStore, Path trustStore) {
    public TlsConfig server() {
      return new TlsConfig(keyStore, PASSWORD, null, null, false);
    }

    public TlsConfig client() {
      return new TlsConfig(null, null, trustStore, PASSWORD, false);
    }
  }

  public static Pair create(Path dir, String name) throws IOException, InterruptedException {
    Path keyStore = dir.resolve(name + ".p12");
    Path cert = dir.resolve(name + ".crt");
    Path trust = dir.resolve(name + "-trust.p12");
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-alias",
        name,
        "-keystore",
        keyStore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        name,
        "-file",
        cert.toString(),
        "-keystore",
        trust.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return new Pair(keyStore, trust);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
