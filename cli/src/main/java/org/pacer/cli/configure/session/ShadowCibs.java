package org.pacer.cli.configure.session;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pacer.cli.configure.store.CibFile;
import org.pacer.cli.configure.store.CibStore;
import org.pacer.cli.configure.store.CibStoreException;
import org.pacer.cli.configure.store.CibXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Shadow CIBs as crm_shadow keeps them: {@code shadow.NAME} files in {@code $CIB_shadow_dir}
 * (default {@code ~/.cib}, or {@code /var/lib/pacemaker/cib} for root). Beside each we keep the
 * epoch of the CIB it was copied from, so that {@code cib commit} writes only if that CIB has not
 * changed since.
 */
public final class ShadowCibs {
  private final Map<String, String> env;
  private final CibStore live;

  public ShadowCibs(Map<String, String> env, CibStore live) {
    this.env = env;
    this.live = live;
  }

  public CibStore live() {
    return live;
  }

  static Path dir(Map<String, String> env) {
    String d = env.get("CIB_shadow_dir");
    if (d != null && !d.isEmpty()) {
      return Path.of(d);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/pacemaker/cib");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cib");
  }

  public static Path shadowPath(Map<String, String> env, String name) {
    return dir(env).resolve("shadow." + name);
  }

  private Path path(String name) throws EditException {
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new EditException("\"" + name + "\" is not a valid shadow CIB name");
    }
    return shadowPath(env, name);
  }

  private Path basePath(String name) throws EditException {
    return path(name).resolveSibling("shadow." + name + ".base");
  }

  public CibStore store(String name) throws EditException {
    Path p = path(name);
    if (!Files.exists(p)) {
      throw new EditException("no shadow CIB " + name + " (cib new " + name + " makes one)");
    }
    return new org.pacer.cli.configure.store.ConnectionStore(
        new org.pacer.cib.client.FileCibConnection(
            p, env.getOrDefault("CIB_user", "root"), Clock.systemUTC(), "localhost"));
  }

  /** {@code cib new NAME [empty] [force]}: a copy of the CIB (or an empty one). */
  public void create(String name, boolean empty, boolean force)
      throws EditException, CibStoreException {
    Path p = path(name);
    if (Files.exists(p) && !force) {
      throw new EditException("shadow CIB " + name + " exists; add force to overwrite it");
    }
    Document d = empty ? CibXml.empty() : live.read();
    write(name, d, empty ? "" : CibFile.epochOf(d));
  }

  /** {@code cib reset NAME}: the shadow becomes a copy of the CIB again. */
  public void reset(String name) throws EditException, CibStoreException {
    store(name);
    Document d = live.read();
    write(name, d, CibFile.epochOf(d));
  }

  private void write(String name, Document d, String baseEpoch)
      throws EditException, CibStoreException {
    try {
      Files.createDirectories(dir(env));
      new CibFile(path(name), Clock.systemUTC()).write(CibXml.print(d.getDocumentElement()));
      Files.writeString(basePath(name), baseEpoch, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EditException("cannot write shadow CIB " + name + ": " + e.getMessage());
    }
  }

  /** {@code cib commit NAME}: its configuration into the CIB, one write, if that is unchanged. */
  public void commit(String name) throws EditException, CibStoreException {
    Document shadow = store(name).read();
    String base;
    try {
      base = Files.readString(basePath(name), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      base = "";
    }
    live.replaceConfiguration(shadow, base.isEmpty() ? null : base);
    Document now = live.read();
    write(name, shadow, CibFile.epochOf(now));
  }

  public void delete(String name) throws EditException {
    try {
      if (!Files.deleteIfExists(path(name))) {
        throw new EditException("no shadow CIB " + name);
      }
      Files.deleteIfExists(basePath(name));
    } catch (IOException e) {
      throw new EditException("cannot delete shadow CIB " + name + ": " + e.getMessage());
    }
  }

  public List<String> list() throws EditException {
    List<String> out = new ArrayList<>();
    Path d = dir(env);
    if (!Files.isDirectory(d)) {
      return out;
    }
    try (Stream<Path> s = Files.list(d)) {
      s.map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith("shadow.") && !f.endsWith(".base") && !f.endsWith(".tmp"))
          .map(f -> f.substring("shadow.".length()))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new EditException("cannot list " + d + ": " + e.getMessage());
    }
    return out;
  }

  /** {@code cib diff NAME}: objects added (+), removed (-) and changed (both) in the shadow. */
  public void diff(String name, PrintWriter out) throws EditException, CibStoreException {
    Map<String, String> a = statements(live.read());
    Map<String, String> b = statements(store(name).read());
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (!e.getValue().equals(other)) {
        out.println(prefix("-", e.getValue()));
      }
    }
    for (Map.Entry<String, String> e : b.entrySet()) {
      if (!e.getValue().equals(a.get(e.getKey()))) {
        out.println(prefix("+", e.getValue()));
      }
    }
    out.flush();
  }

  private static String prefix(String p, String statement) {
    StringBuilder b = new StringBuilder();
    for (String l : statement.split("\n")) {
      b.append(p).append(' ').append(l).append('\n');
    }
    return b.toString().stripTrailing();
  }

  private static Map<String, String> statements(Document d) {
    Cib cib = new Cib(d);
    ObjectPrinter printer = new ObjectPrinter(cib, java.util.Set.of());
    Map<String, String> out = new TreeMap<>();
    for (Element e : cib.objects()) {
      out.put(e.getTagName() + ":" + Cib.objectId(e), printer.print(e));
    }
    return out;
  }
}
