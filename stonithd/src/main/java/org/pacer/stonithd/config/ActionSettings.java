package org.pacer.stonithd.config;

import java.time.Duration;

/**
 * How a device runs one action: the agent's name for it ({@code pcmk_<action>_action}), how long
 * one attempt may take ({@code pcmk_<action>_timeout}) and how many more attempts follow a failure
 * while time remains ({@code pcmk_<action>_retries}).
 */
public record ActionSettings(String agentAction, Duration timeout, int retries) {}
