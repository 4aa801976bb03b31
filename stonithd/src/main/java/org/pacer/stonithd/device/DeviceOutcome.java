package org.pacer.stonithd.device;

/**
 * How one device did on one fencing action after its retries.
 *
 * @param device the device id
 * @param ok whether the action succeeded
 * @param reason what happened, for the log, the result and the history
 * @param attempts how many times the agent ran
 */
public record DeviceOutcome(String device, boolean ok, String reason, int attempts) {}
