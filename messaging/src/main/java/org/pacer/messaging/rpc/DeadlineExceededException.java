package org.pacer.messaging.rpc;

/** No answer came before the call's deadline. */
public final class DeadlineExceededException extends MessagingException {
  public DeadlineExceededException(String message) {
    super(message);
  }
}
