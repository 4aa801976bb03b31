package org.pacer.messaging.security;

/**
 * Checks a user name and password sent by a TCP client (remote administration, as Pacemaker's
 * {@code CIB_user}/{@code CIB_passwd}). The daemon that offers TCP decides how.
 */
@FunctionalInterface
public interface PasswordCheck {
  boolean accepts(String user, String password);
}
