package org.pacer.lrmd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

  @Test
  void fillsRowsAcrossEightyColumnsLikeCrmsh() {
    List<String> names =
        List.of("corosync", "dbus", "hwclock.sh", "logd", "openhpid", "pacemaker", "procps");
    String expected =
        "corosync     dbus         hwclock.sh   logd         openhpid     pacemaker\n"
            + "procps       \n";
    assertEquals(expected, RaCommand.Columns.format(names, 80));
    assertEquals("", RaCommand.Columns.format(List.of(), 80));
  }
}
