package org.pacer.messaging.rpc;

import org.pacer.messaging.envelope.ErrorBody;

/**
 * An error a handler reports to its caller: the code and message travel in an ERROR envelope and
 * surface on the client as a {@link RemoteException} with the same code and message.
 */
public class RequestException extends RuntimeException {

  private final String code;

  public RequestException(String code, String message) {
    super(message);
    this.code = code;
  }

  public static RequestException badRequest(String message) {
    return new RequestException(ErrorBody.BAD_REQUEST, message);
  }

  public static RequestException forbidden(String message) {
    return new RequestException(ErrorBody.FORBIDDEN, message);
  }

  public String code() {
    return code;
  }

  public ErrorBody toBody() {
    return new ErrorBody(code, getMessage());
  }
}
