package org.pacer.membership.cpg;

/** What the process-group layer asks of its driver. */
public sealed interface CpgOutput permits CpgOutput.Submit, CpgOutput.ToClient {

  /** Send this through the ring (agreed order to every node). */
  record Submit(byte[] message) implements CpgOutput {}

  /** Tell a local member. */
  record ToClient(ProcessId member, CpgEvent event) implements CpgOutput {}
}
