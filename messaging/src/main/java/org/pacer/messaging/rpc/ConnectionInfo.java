package org.pacer.messaging.rpc;

import org.pacer.messaging.security.PeerIdentity;

/**
 * A connection that completed its HELLO, as a daemon sees it when it closes.
 *
 * @param id the server's id for it (the {@link Request#connection()} of its requests)
 * @param client the name the client gave in HELLO
 * @param peer who it was
 */
public record ConnectionInfo(long id, String client, PeerIdentity peer) {}
