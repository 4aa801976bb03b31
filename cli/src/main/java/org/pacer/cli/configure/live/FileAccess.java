package org.pacer.cli.configure.live;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pacer.crmd.tools.FileCibBackend;
import org.pacer.crmd.tools.ToolException;
import org.pacer.crmd.tools.ToolResult;
import org.pacer.crmd.tools.Tools;

/**
 * A CIB file ({@code CIB_file}, or a shadow copy): the helper commands run here on the file with
 * the controller's own implementation ({@link Tools}); there is no controller to ask.
 */
public final class FileAccess implements ClusterAccess {
  private final Path file;
  private final Map<String, String> env;

  public FileAccess(Path file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  @Override
  public ToolResult tool(String name, List<String> args) {
    try {
      return Tools.run(name, args, env, new FileCibBackend(file));
    } catch (ToolException e) {
      return ToolResult.error(e.exitCode(), name + ": " + e.getMessage() + "\n");
    }
  }

  @Override
  public void cleanup(String node, String resource) throws ClusterException {
    throw new ClusterException("a CIB file has no controller");
  }

  @Override
  public Optional<ControllerView> controller() {
    return Optional.empty();
  }

  @Override
  public boolean live() {
    return false;
  }
}
