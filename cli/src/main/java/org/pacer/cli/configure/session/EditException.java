package org.pacer.cli.configure.session;

/** A command that cannot be applied to the configuration; nothing was changed by it. */
public final class EditException extends Exception {
  public EditException(String message) {
    super(message);
  }
}
