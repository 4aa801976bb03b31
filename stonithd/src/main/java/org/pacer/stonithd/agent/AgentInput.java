package org.pacer.stonithd.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pacer.stonithd.config.DeviceConfig;

/**
 * The fence-agent convention for passing options: {@code key=value} lines on standard input. The
 * action goes as {@code action}, the target's name as {@code nodename}, the agent's name for the
 * target (its pcmk_host_map entry or the node name) under the host argument the meta-data allows
 * ({@code port} or {@code plug}), then the device's own parameters.
 */
public final class AgentInput {

  private AgentInput() {}

  public static List<String> lines(
      DeviceConfig device, AgentMetadata metadata, String agentAction, Optional<String> target) {
    List<String> lines = new ArrayList<>();
    lines.add("action=" + agentAction);
    Optional<String> hostArgument = device.effectiveHostArgument(metadata.parameters());
    if (target.isPresent()) {
      lines.add("nodename=" + target.get());
      hostArgument.ifPresent(arg -> lines.add(arg + "=" + device.portFor(target.get())));
    }
    for (Map.Entry<String, String> p : device.params().entrySet()) {
      String key = p.getKey();
      // The values set above win: a device parameter named like them would confuse the agent.
      if (key.equals("action")
          || key.equals("nodename")
          || (target.isPresent() && hostArgument.filter(key::equals).isPresent())) {
        continue;
      }
      lines.add(key + "=" + p.getValue());
    }
    return lines;
  }

  /**
   * The bytes for stdin.
   *
   * @throws IllegalArgumentException when a value holds a line break, which would let it add
   *     options of its own
   */
  public static byte[] encode(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
        String key = line.substring(0, Math.max(0, line.indexOf('=')));
        throw new IllegalArgumentException(
            "the value of '" + key + "' holds a line break or NUL, which the agent cannot take");
      }
      sb.append(line).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
