package org.pacer.pengine;

/** Small CIBs shared by tests. */
public final class TestCibs {
  /** Two online nodes, fencing off, one Dummy resource preferring n2 with a 10s monitor. */
  public static final String TWO_NODES =
      "<cib have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
          + "<nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
          + "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
          + "<resources><primitive id='web' class='ocf' provider='heartbeat' type='Dummy'>"
          + "<operations><op id='web-mon' name='monitor' interval='10s'/></operations>"
          + "</primitive></resources><constraints>"
          + "<rsc_location id='pref' rsc='web' node='n2' score='100'/></constraints>"
          + "</configuration><status>"
          + "<node_state id='1' uname='n1' in_ccm='true' crmd='online' join='member' expected='member'/>"
          + "<node_state id='2' uname='n2' in_ccm='true' crmd='online' join='member' expected='member'/>"
          + "</status></cib>";

  private TestCibs() {}
}
