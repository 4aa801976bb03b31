package org.pacer.cli.configure.live;

import java.util.List;
import java.util.Optional;
import org.pacer.crmd.tools.ToolResult;

/**
 * What the resource, node and status commands need beyond the CIB: Pacemaker's helper commands
 * (crm_mon, crm_attribute) as the controller implements them, and the controller's own requests
 * (cleanup, its view of the cluster). On a CIB file the helpers run in this JVM on the file, as
 * Pacemaker's tools do with {@code CIB_file}.
 */
public interface ClusterAccess {

  /**
   * Runs one helper command ({@code crm_mon}, {@code crm_attribute}, ...) and returns its result.
   */
  ToolResult tool(String name, List<String> args);

  /**
   * Asks the controller to forget a resource's history and fail counts on a node, so that it is
   * probed again (crm_resource --cleanup). Not available on a file: the caller edits it instead.
   */
  void cleanup(String node, String resource) throws ClusterException;

  /** The controller's view (node, dc, joined, members, quorate), or empty with no cluster. */
  Optional<ControllerView> controller() throws ClusterException;

  /** Whether there is a running cluster behind this (false for a CIB file or a shadow). */
  boolean live();

  /** What the local controller says about the cluster. */
  record ControllerView(
      String node, String dc, boolean joined, boolean quorate, List<String> members) {}

  /** A cluster request that could not be made or was refused. */
  final class ClusterException extends Exception {
    public ClusterException(String message) {
      super(message);
    }

    public ClusterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
