package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.session.EditException;

/** Batch semantics, atomic writes and the checks made before a commit. */
class CrmShellTest {
  @TempDir Path dir;
  Path cib;

  @BeforeEach
  void emptyCib() throws Exception {
    cib = dir.resolve("cib.xml");
    SharedCorpus.writeCibWithoutFencing(cib);
  }

  /** Runs {@code crm ARGS} with CIB_file and the given standard input. */
  private SharedCorpus.Run crm(String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("CIB_file", cib.toString());
    env.put("CIB_shadow_dir", dir.resolve("shadows").toString());
    env.put("HOME", dir.toString());
    env.put("OCF_ROOT", dir.resolve("ocf").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc =
        new CrmRunner(
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err),
                dir)
            .run(List.of(args));
    return new SharedCorpus.Run(rc, out.toString(), err.toString());
  }

  private String cibText() throws Exception {
    return Files.readString(cib);
  }

  @Test
  void batchStopsAtTheFirstErrorAndWritesNothing() throws Exception {
    String before = cibText();
    Files.writeString(
        dir.resolve("s.crm"),
        "configure\nprimitive a Dummy\nprimitive b Dummy params\nprimitive c Dummy\ncommit\n");
    SharedCorpus.Run r = crm("", "-f", "s.crm");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("line 3"), r.err());
    assertTrue(r.err().contains("expected name=value after \"params\""), r.err());
    assertEquals(before, cibText());
  }

  @Test
  void keepGoingIsCrmshsBatchBehaviour() throws Exception {
    Files.writeString(
        dir.resolve("s.crm"),
        "configure\nprimitive a Dummy\nprimitive b Dummy params\nprimitive c Dummy\ncommit\n");
    SharedCorpus.Run r = crm("", "--keep-going", "-f", "s.crm");
    assertEquals(1, r.exit());
    assertTrue(cibText().contains("id=\"a\"") && cibText().contains("id=\"c\""), cibText());
  }

  @Test
  void oneCommandIsCommittedAtOnceAndStdinIsAScript() throws Exception {
    assertEquals(
        0, crm("", "configure", "primitive", "p", "Dummy", "op", "monitor", "interval=9s").exit());
    assertTrue(cibText().contains("id=\"p-monitor-9s\""), cibText());
    assertEquals(0, crm("", "configure", "location", "l", "p", "-inf:", "n1").exit());
    SharedCorpus.Run r = crm("configure\nshow l\n");
    assertEquals(0, r.exit(), r.err());
    assertEquals("location l p -inf: n1\n", r.out());
  }

  @Test
  void missingReferencesAndDuplicateIdsAreCaughtBeforeCommit() throws Exception {
    String before = cibText();
    SharedCorpus.Run r = crm("configure\nprimitive a Dummy\nlocation l nosuch 10: n1\ncommit\n");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("rsc_location l refers to missing resource nosuch"), r.err());
    assertEquals(before, cibText());

    r = crm("configure\nprimitive a Dummy\nprimitive a Dummy\ncommit\n");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("object a already exists"), r.err());
    assertEquals(before, cibText());

    r = crm("configure\nprimitive a Dummy\ngroup g a nosuch\ncommit\n");
    assertTrue(r.err().contains("group g refers to missing resource nosuch"), r.err());
    assertEquals(before, cibText());
  }

  @Test
  void writesAreAtomicAndBumpTheEpoch() throws Exception {
    assertEquals(0, crm("", "configure", "primitive", "a", "Dummy").exit());
    assertTrue(cibText().contains("epoch=\"2\""), cibText());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList());
    }
  }

  /** A configure session on the CIB file with {@code script} staged, not committed. */
  private org.pacer.cli.configure.session.ConfigureSession staged(String script, StringWriter err)
      throws Exception {
    var session =
        new org.pacer.cli.configure.session.ConfigureSession(
            new org.pacer.cli.configure.store.CibFile(cib, java.time.Clock.systemUTC()),
            new org.pacer.cli.configure.session.ShellOptions(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]));
    for (Command c : ConfigureParser.parseAll(script)) {
      session.execute(c);
    }
    return session;
  }

  @Test
  void commitOntoAChangedCibMergesOtherObjectsAndRefusesConflicts() throws Exception {
    assertEquals(0, crm("", "configure", "primitive", "shared", "Dummy").exit());
    StringWriter err = new StringWriter();
    org.pacer.cli.configure.session.ConfigureSession session =
        staged("primitive a Dummy\nlocation l1 a 100: node1\ndelete shared", err);
    // someone else writes the CIB between our read and our commit, touching "shared"
    assertEquals(0, crm("", "configure", "primitive", "other", "Dummy").exit());
    assertEquals(0, crm("", "resource", "meta", "shared", "set", "target-role", "Stopped").exit());
    String theirs = cibText();
    EditException e = assertThrows(EditException.class, () -> session.commit(false));
    assertTrue(e.getMessage().contains("changed both here and there: shared"), e.getMessage());
    assertEquals(theirs, cibText());

    // without the conflicting change, ours go onto theirs: a, l1 added, other kept
    for (Command c : ConfigureParser.parseAll("primitive shared Dummy meta target-role=Stopped")) {
      session.execute(c);
    }
    session.commit(false);
    String merged = cibText();
    assertTrue(
        merged.contains("id=\"a\"")
            && merged.contains("id=\"l1\"")
            && merged.contains("id=\"other\""),
        merged);
    assertTrue(err.toString().contains("committing only our changes: a, l1"), err.toString());
  }

  @Test
  void propertiesChangedOnBothSidesMergeNameByNameUnlessTheSameOne() throws Exception {
    assertEquals(0, crm("", "configure", "property", "stonith-enabled=false").exit());
    StringWriter err = new StringWriter();
    org.pacer.cli.configure.session.ConfigureSession session =
        staged("property maintenance-mode=true", err);
    // the DC records its version meanwhile, in the same property set
    assertEquals(0, crm("", "configure", "property", "dc-version=2.1.5").exit());
    session.commit(false);
    String text = cibText();
    assertTrue(
        text.contains("name=\"maintenance-mode\" value=\"true\"")
            && text.contains("name=\"dc-version\" value=\"2.1.5\"")
            && text.contains("name=\"stonith-enabled\" value=\"false\""),
        text);

    // the same property on both sides is a conflict, named down to the nvpair
    for (Command c : ConfigureParser.parseAll("property maintenance-mode=false")) {
      session.execute(c);
    }
    assertEquals(0, crm("", "configure", "property", "maintenance-mode=ignore").exit());
    EditException e = assertThrows(EditException.class, () -> session.commit(false));
    assertTrue(
        e.getMessage().contains("cib-bootstrap-options/cib-bootstrap-options-maintenance-mode"),
        e.getMessage());
  }

  @Test
  void editRunsTheEditorOnTheText() throws Exception {
    assertEquals(
        0, crm("", "configure", "primitive", "a", "Dummy", "meta", "target-role=Started").exit());
    Map<String, String> env = new HashMap<>();
    env.put("CIB_file", cib.toString());
    env.put("EDITOR", "sed -i -e s/Started/Stopped/");
    StringWriter err = new StringWriter();
    int rc =
        new CrmRunner(
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                dir)
            .run(List.of("configure", "edit", "a"));
    assertEquals(0, rc, err.toString());
    assertTrue(cibText().contains("value=\"Stopped\""), cibText());
  }

  @Test
  void shadowCibsStageChangesAndCommitThemAsOneWrite() throws Exception {
    SharedCorpus.Run r =
        crm(
            "configure\nprimitive a Dummy\ncommit\ncib new test\nprimitive b Dummy\ncommit\n"
                + "cib diff test\ncib use live\nshow\n");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("+ primitive b Dummy"), r.out());
    assertFalse(cibText().contains("id=\"b\""));
    r = crm("cib commit test\n");
    assertEquals(0, r.exit(), r.err());
    assertTrue(cibText().contains("id=\"b\""));
    // the CIB moves on; the shadow's commit is refused until it is reset
    assertEquals(0, crm("", "configure", "primitive", "c", "Dummy").exit());
    r = crm("cib use test\nconfigure primitive d Dummy\ncib commit test\n");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("the CIB changed since it was read"), r.err());
    assertFalse(cibText().contains("id=\"d\""));
  }

  @Test
  void resourceAndNodeCommandsChangeTheFile() throws Exception {
    SharedCorpus.Run r =
        crm(
            "configure\nnode n1\nprimitive a Dummy\ncommit\nup\nresource stop a\n"
                + "node attribute n1 set rack 3\nresource move a n1\n");
    assertEquals(0, r.exit(), r.err());
    String x = cibText();
    assertTrue(x.contains("name=\"target-role\" value=\"Stopped\""), x);
    assertTrue(x.contains("id=\"nodes-n1-rack\""), x);
    assertTrue(x.contains("id=\"cli-prefer-a\""), x);
  }

  @Test
  void unknownAgentsAndParametersAreCaughtBeforeCommitUnlessForced() throws Exception {
    FakeAgents.thing(dir.resolve("ocf"), "size", "colour");
    String before = cibText();
    SharedCorpus.Run r =
        crm("", "configure", "primitive", "t", "ocf:test:Thing", "params", "sise=3");
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains("t: ocf:test:Thing has no parameter \"sise\" (it takes size, colour)"),
        r.err());
    assertEquals(before, cibText());
    r = crm("", "configure", "primitive", "u", "ocf:test:Nothing");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("u: no resource agent ocf:test:Nothing"), r.err());
    assertEquals(
        0, crm("", "configure", "primitive", "t", "ocf:test:Thing", "params", "size=3").exit());
    r = crm("", "-F", "configure", "primitive", "v", "ocf:test:Thing", "params", "sise=3");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("WARNING: v: ocf:test:Thing has no parameter"), r.err());
    assertTrue(cibText().contains("id=\"v\""));
  }

  @Test
  void theEndOfInputCommitsWhatIsStaged() throws Exception {
    SharedCorpus.Run r = crm("configure\nprimitive a Dummy\n");
    assertEquals(0, r.exit(), r.err());
    assertTrue(cibText().contains("id=\"a\""));
  }

  @Test
  void crmVerifysErrorsRefuseTheCommitUnlessForced() throws Exception {
    SharedCorpus.writeEmptyCib(cib);
    String before = cibText();
    SharedCorpus.Run r = crm("", "configure", "primitive", "a", "Dummy");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("no STONITH resources have been defined"), r.err());
    assertEquals(before, cibText());
    r = crm("", "-F", "configure", "primitive", "a", "Dummy");
    assertEquals(0, r.exit(), r.err());
    assertTrue(cibText().contains("id=\"a\""));
  }
}
