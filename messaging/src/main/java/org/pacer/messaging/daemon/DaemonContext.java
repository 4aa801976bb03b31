package org.pacer.messaging.daemon;

import java.time.Clock;
import org.pacer.messaging.paths.NodePaths;
import org.pacer.messaging.transport.EventLoops;

/**
 * What every daemon is given: where its files are, which node it is, the I/O threads to use, and
 * the clock (injected so that tests control time).
 *
 * @param paths the node's directories
 * @param node this node's name
 * @param loops Netty event loops shared by the daemons of one JVM
 * @param clock wall-clock time
 */
public record DaemonContext(NodePaths paths, String node, EventLoops loops, Clock clock) {}
