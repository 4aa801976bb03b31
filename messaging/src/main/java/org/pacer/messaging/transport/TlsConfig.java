package org.pacer.messaging.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material from PKCS#12 key stores (what {@code keytool} and {@code openssl pkcs12} make). A
 * client always verifies the server against its trust store: a certificate not signed by a trusted
 * key is refused at the handshake.
 *
 * @param keyStore this side's certificate and private key (required on a server; optional on a
 *     client, for mutual TLS)
 * @param keyStorePassword the key store's password
 * @param trustStore the certificates this side trusts (required on a client; on a server, needed
 *     only when client certificates are required)
 * @param trustStorePassword the trust store's password
 * @param requireClientCertificate whether a server demands a trusted client certificate
 */
public record TlsConfig(
    Path keyStore,
    String keyStorePassword,
    Path trustStore,
    String trustStorePassword,
    boolean requireClientCertificate) {

  public SslContext serverContext() throws IOException {
    if (keyStore == null) {
      throw new IOException("a TLS server needs a key store with its certificate and key");
    }
    try {
      SslContextBuilder builder = SslContextBuilder.forServer(keyManagers());
      if (requireClientCertificate) {
        builder.trustManager(trustManagers()).clientAuth(ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (SSLException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  public SslContext clientContext() throws IOException {
    if (trustStore == null) {
      throw new IOException("a TLS client needs a trust store to verify the server");
    }
    try {
      SslContextBuilder builder = SslContextBuilder.forClient().trustManager(trustManagers());
      if (keyStore != null) {
        builder.keyManager(keyManagers());
      }
      return builder.build();
    } catch (SSLException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private KeyManagerFactory keyManagers() throws IOException {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStore, keyStorePassword), password(keyStorePassword));
      return kmf;
    } catch (GeneralSecurityException e) {
      throw new IOException("key store " + keyStore + " is unusable: " + e.getMessage(), e);
    }
  }

  private TrustManagerFactory trustManagers() throws IOException {
    if (trustStore == null) {
      throw new IOException("client certificates are required but no trust store is set");
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(trustStore, trustStorePassword));
      return tmf;
    } catch (GeneralSecurityException e) {
      throw new IOException("trust store " + trustStore + " is unusable: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, String password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password(password));
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read key store " + file + ": " + e.getMessage(), e);
    }
  }

  private static char[] password(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }
}
