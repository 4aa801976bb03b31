package org.pacer.it.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pacer.cli.demo.Checkout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The image every container node runs: {@code dist/}'s tarball on a Debian base image made without
 * any registry ({@code ../shared/containers/base-image.sh}), plus the container fence agent. Built
 * once per test run under a tag named for the content's digest, and removed by id by {@link
 * #close()}.
 *
 * <p>{@link #unavailable()} says why container tests cannot run here (no engine, no base image, no
 * tarball), so that they are skipped with that message instead of failing.
 */
public final class NodeImage implements AutoCloseable {

  /** The base image's tag: {@code -Dpacer.it.baseImage}, else what .ci/run builds. */
  public static final String BASE =
      System.getProperty("pacer.it.baseImage", "pacer-base:bookworm-jre17");

  private final DockerClient docker;
  private final String tag;
  private final String id;
  private final boolean built;

  private NodeImage(DockerClient docker, String tag, String id, boolean built) {
    this.docker = docker;
    this.tag = tag;
    this.id = id;
    this.built = built;
  }

  /** Why container nodes cannot run on this machine, or empty when they can. */
  public static Optional<String> unavailable() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.of(
          "no Docker engine is reachable (start one: ../shared/containers/engine-up.sh, or"
              + " .ci/run does it)");
    }
    if (!imageExists(DockerClientFactory.instance().client(), BASE)) {
      return Optional.of(
          "base image "
              + BASE
              + " is missing (build it: ../shared/containers/base-image.sh "
              + BASE
              + ", or .ci/run does it)");
    }
    if (tarball().isEmpty()) {
      return Optional.of(
          "no dist/target/pacer-*.tar.gz (build it: mvn -pl dist -am package -DskipTests)");
    }
    return Optional.empty();
  }

  static Path dockerDir() {
    return Checkout.repo().resolve("it/src/main/docker");
  }

  static Optional<Path> tarball() {
    Path target = Checkout.repo().resolve("dist/target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("pacer-.*\\.tar\\.gz"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean imageExists(DockerClient docker, String name) {
    try {
      docker.inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Builds the node image (or finds it, when an image with the same content's tag exists already:
   * then it is not ours to remove).
   */
  public static NodeImage build() throws IOException {
    Path tarball =
        tarball().orElseThrow(() -> new IOException("no dist/target/pacer-*.tar.gz to build from"));
    Path docker = dockerDir();
    List<Path> inputs =
        List.of(tarball, docker.resolve("Dockerfile"), docker.resolve("fence_pacer_container"));
    String tag = "pacer-node:it-" + digest(inputs, BASE);
    DockerClient client = DockerClientFactory.instance().client();
    if (imageExists(client, tag)) {
      return new NodeImage(client, tag, client.inspectImageCmd(tag).exec().getId(), false);
    }
    String built =
        new ImageFromDockerfile(tag, false)
            .withFileFromPath("pacer.tar.gz", tarball)
            .withFileFromPath("Dockerfile", docker.resolve("Dockerfile"))
            .withFileFromPath("fence_pacer_container", docker.resolve("fence_pacer_container"))
            .withBuildArg("BASE", BASE)
            .get();
    return new NodeImage(client, built, client.inspectImageCmd(built).exec().getId(), true);
  }

  private static String digest(List<Path> files, String base) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] buffer = new byte[1 << 16];
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public String tag() {
    return tag;
  }

  /** Removes the image by id when this run built it. */
  @Override
  public void close() {
    if (built) {
      try {
        docker.removeImageCmd(id).withForce(true).exec();
      } catch (NotFoundException e) {
        // Already gone.
      }
    }
  }
}
