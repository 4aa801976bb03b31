package org.pacer.cli.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pacer.cli.configure.model.Command;
import org.pacer.cli.configure.model.Definition;
import org.pacer.cli.configure.model.ResourceSet;
import org.pacer.cli.configure.model.Rule;
import org.pacer.cli.configure.model.SetKind;
import org.pacer.cli.configure.parse.ConfigureParser;
import org.pacer.cli.configure.parse.Lexer;
import org.pacer.cli.configure.parse.ParseException;
import org.pacer.cli.configure.parse.Statement;

class ConfigureParserTest {

  private static Definition define(String text) throws ParseException {
    List<Command> cs = ConfigureParser.parseAll(text);
    assertEquals(1, cs.size());
    return assertInstanceOf(Command.Define.class, cs.get(0)).definition();
  }

  @Test
  void primitiveWithSetsOpsAndRules() throws ParseException {
    Definition.Primitive p =
        assertInstanceOf(
            Definition.Primitive.class,
            define(
                "primitive vip ocf:heartbeat:IPaddr2 \\\n"
                    + "  params 2: rule #uname eq n1 ip='10.0.0.1' \\\n"
                    + "  meta target-role=Stopped \\\n"
                    + "  op monitor interval=10s timeout=20s OCF_CHECK_LEVEL=10 \\\n"
                    + "  op_meta timeout=5s\n"));
    assertEquals("vip", p.id());
    assertEquals("ocf:heartbeat:IPaddr2", p.agent());
    assertEquals(SetKind.PARAMS, p.sets().get(0).kind());
    assertEquals("2", p.sets().get(0).score());
    Rule r = p.sets().get(0).rules().get(0);
    assertEquals("INFINITY", r.score());
    assertEquals(new Rule.AttrExpression("#uname", "eq", null, "n1"), r.expressions().get(0));
    assertEquals("10.0.0.1", p.sets().get(0).pairs().get(0).value());
    assertEquals("monitor", p.ops().get(0).name());
    assertEquals(
        Map.of("interval", "10s", "timeout", "20s", "OCF_CHECK_LEVEL", "10"),
        p.ops().get(0).attributes());
    assertEquals(SetKind.OP_META, p.ops().get(0).sets().get(0).kind());
  }

  @Test
  void locationRulesWithDatesAndOr() throws ParseException {
    Definition.Location l =
        assertInstanceOf(
            Definition.Location.class,
            define(
                "location l web rule -inf: not_defined pingd or pingd number:lte 0 "
                    + "rule $id=r2 50: date in start=2024-01-01 months=3"));
    assertEquals(2, l.rules().size());
    assertEquals("or", l.rules().get(0).booleanOp());
    assertEquals("-INFINITY", l.rules().get(0).score());
    assertEquals(
        new Rule.AttrExpression("pingd", "lte", "number", "0"),
        l.rules().get(0).expressions().get(1));
    Rule.DateExpression d = (Rule.DateExpression) l.rules().get(1).expressions().get(0);
    assertEquals("in_range", d.operation());
    assertEquals(Map.of("months", "3"), d.fields());
    assertEquals("r2", l.rules().get(1).id());
  }

  @Test
  void resourceSetsKeepBracketsRolesAndActions() throws ParseException {
    Definition.Order o =
        assertInstanceOf(
            Definition.Order.class,
            define("order o Mandatory: a:start ( b c ) [ d ] e symmetrical=false"));
    assertEquals("Mandatory", o.kind());
    List<ResourceSet> sets = o.sets();
    assertEquals(4, sets.size());
    assertEquals("start", sets.get(0).roleOrAction());
    assertEquals("(", sets.get(1).bracket());
    assertEquals(List.of("b", "c"), sets.get(1).resources());
    assertEquals("[", sets.get(2).bracket());
    assertEquals(Map.of("symmetrical", "false"), o.attributes());
  }

  @Test
  void errorsNameTheLineTheTokenAndWhatWasExpected() {
    ParseException e =
        assertThrows(
            ParseException.class,
            () -> ConfigureParser.parseAll("primitive a Dummy\n\nlocation l1 a 100 n1\n"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("\"100\""), e.getMessage());
    assertTrue(e.getMessage().contains("expected a score such as \"100:\""), e.getMessage());

    e = assertThrows(ParseException.class, () -> ConfigureParser.parseAll("primitive\n"));
    assertTrue(e.getMessage().contains("expected a resource id"), e.getMessage());

    e =
        assertThrows(
            ParseException.class,
            () -> ConfigureParser.parseAll("primitive a Dummy \\\n  op monitor \\\n  bogus\n"));
    assertEquals(3, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("\"bogus\""), e.getMessage());

    e = assertThrows(ParseException.class, () -> ConfigureParser.parseAll("colocation c inf: a\n"));
    assertTrue(e.getMessage().contains("needs at least two resources"), e.getMessage());

    e = assertThrows(ParseException.class, () -> ConfigureParser.parseAll("frobnicate x\n"));
    assertTrue(e.getMessage().contains("unknown configure command \"frobnicate\""));

    e =
        assertThrows(
            ParseException.class,
            () ->
                ConfigureParser.parseAll("location l a rule 1: #uname eq a and b eq c or d eq e"));
    assertTrue(e.getMessage().contains("cannot be mixed"), e.getMessage());
  }

  @Test
  void lexerQuotesContinuationsAndComments() throws ParseException {
    List<Statement> st =
        Lexer.split(
            "# a comment\n"
                + "primitive a Dummy params x=\"a b\" y='c \"d\"' \\\n"
                + "   z=#uname\n"
                + "\n"
                + "xml <primitive id=\"q\" class=\"ocf\" provider='heartbeat' type=\"Dummy\"/>\n");
    assertEquals(2, st.size());
    assertEquals(List.of("# a comment"), st.get(0).comments());
    assertEquals("x=a b", st.get(0).tokens().get(4).text());
    assertEquals("y=c \"d\"", st.get(0).tokens().get(5).text());
    assertEquals("z=#uname", st.get(0).tokens().get(6).text());
    assertEquals(3, st.get(0).tokens().get(6).line());
    assertEquals(2, st.get(1).tokens().size());
    assertThrows(ParseException.class, () -> Lexer.split("primitive a Dummy params x='oops\n"));
  }
}
