package org.pacer.messaging.rpc;

import org.pacer.messaging.envelope.ErrorBody;

/** The server answered a request with an error; {@link #code()} says which kind. */
public final class RemoteException extends MessagingException {

  private final String code;

  public RemoteException(ErrorBody error) {
    super(error.message());
    this.code = error.code();
  }

  public String code() {
    return code;
  }
}
