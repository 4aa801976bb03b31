package org.pacer.membership.config;

/** The parts of {@code logging { }} the daemon honours. */
public record LoggingSettings(
    boolean toStderr, boolean toLogfile, boolean toSyslog, String logfile, boolean debug) {}
