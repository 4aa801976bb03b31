package org.pacer.lrmd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessGroupsTest {

  @Test
  void parsesStatLinesWhoseCommandHoldsSpacesAndParentheses() {
    ProcessGroups.ProcStatView view =
        ProcessGroups.parseStat("4242 (my (odd) cmd) Z 1 4200 4200 0 -1 4194560 0 0");
    assertEquals('Z', view.state());
    assertEquals(4200, view.pgid());
  }

  @Test
  void rejectsTruncatedStatLines() {
    assertNull(ProcessGroups.parseStat("4242 (cmd"));
  }

  @Test
  void ownProcessIsRunningAndInItsGroup() {
    ProcessGroups groups = ProcessGroups.system();
    long self = ProcessHandle.current().pid();
    assertTrue(groups.running(self));
    long pgid = groups.groupOf(self).orElseThrow();
    assertTrue(groups.members(pgid).contains(self));
    assertFalse(groups.running(Long.MAX_VALUE));
  }

  @Test
  void refusesToSignalInitOrEveryone() {
    assertThrows(IllegalArgumentException.class, () -> ProcessGroups.system().signal(1, 15));
    assertThrows(IllegalArgumentException.class, () -> ProcessGroups.system().signal(0, 15));
  }
}
