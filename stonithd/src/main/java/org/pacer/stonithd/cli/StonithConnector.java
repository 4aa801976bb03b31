package org.pacer.stonithd.cli;

import java.io.IOException;
import org.pacer.stonithd.api.StonithClient;

/** How a command reaches the local stonithd; the shell supplies its own (root, event loops). */
@FunctionalInterface
public interface StonithConnector {
  StonithClient open() throws IOException;
}
