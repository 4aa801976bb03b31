package org.pacer.cli.configure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** OCF agents for tests: a script under {@code OCF_ROOT} that prints meta-data only. */
public final class FakeAgents {
  private FakeAgents() {}

  /** Installs {@code ocf:test:Thing} taking these parameters under {@code ocfRoot}. */
  public static void thing(Path ocfRoot, String... parameters) throws IOException {
    Path agent = ocfRoot.resolve("resource.d/test/Thing");
    Files.createDirectories(agent.getParent());
    StringBuilder params = new StringBuilder();
    for (String p : parameters) {
      params.append("<parameter name=\\\"").append(p).append("\\\"/>");
    }
    // with a DOCTYPE, as real agents print it
    Files.writeString(
        agent,
        "#!/bin/sh\n[ \"$1\" = meta-data ] || exit 3\n"
            + "echo '<?xml version=\"1.0\"?>'\n"
            + "echo '<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">'\n"
            + "echo \"<resource-agent name=\\\"Thing\\\"><parameters>"
            + params
            + "</parameters></resource-agent>\"\n");
    if (!agent.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + agent + " executable");
    }
  }
}
