package org.pacer.cib.schema;

import static org.pacer.cib.schema.ElementRule.Count.ANY;
import static org.pacer.cib.schema.ElementRule.Count.ONE_OR_MORE;
import static org.pacer.cib.schema.ElementRule.Count.OPTIONAL;
import static org.pacer.cib.schema.ElementRule.Count.REQUIRED;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pacer's own schema for the CIB, written from the syntax Pacemaker Explained documents for the
 * pacemaker-3.x schema family. Each element name has one {@link ElementRule}; where an element may
 * appear is given by its parents' child lists. The status section is checked only for the ids the
 * controller relies on: its content is written by daemons, not people.
 */
public final class CibSchema {

  /** What a resource reference may point at: a resource, or a tag standing for several. */
  public static final Set<String> RESOURCES =
      Set.of("primitive", "group", "clone", "master", "bundle", "template", "tag");

  static final AttributeType TEXT = new AttributeType.Text();
  static final AttributeType ID = new AttributeType.Id();
  static final AttributeType BOOL = new AttributeType.Bool();
  static final AttributeType SCORE = new AttributeType.Score();
  static final AttributeType COUNT = new AttributeType.Integer(0);
  static final AttributeType ANY_REF = new AttributeType.IdRef(Set.of(), "element");
  static final AttributeType RESOURCE_REF = new AttributeType.IdRef(RESOURCES, "resource");
  static final AttributeType ROLE =
      choice("Stopped", "Started", "Slave", "Master", "Unpromoted", "Promoted");
  static final AttributeType ACTION = choice("start", "stop", "promote", "demote");

  private final Map<String, ElementRule> rules = new HashMap<>();

  /** The schema; it holds no state beyond its rule table and can be shared. */
  public static CibSchema pacemaker3() {
    return new CibSchema();
  }

  private CibSchema() {
    defineCib();
    defineNvSets();
    defineRules();
    defineResources();
    defineConstraints();
    defineOtherSections();
    defineStatus();
  }

  /** The rule for an element name, or null for names the schema does not know. */
  public ElementRule rule(String tag) {
    return rules.get(tag);
  }

  private ElementRule define(String tag) {
    ElementRule r = new ElementRule(tag);
    rules.put(tag, r);
    return r;
  }

  static AttributeType choice(String... values) {
    return new AttributeType.Choice(List.of(values));
  }

  private void defineCib() {
    define("cib")
        .require("admin_epoch", COUNT)
        .require("epoch", COUNT)
        .require("num_updates", COUNT)
        .require("validate-with", TEXT)
        .attrs(TEXT, "crm_feature_set", "cib-last-written", "dc-uuid")
        .attrs(TEXT, "update-origin", "update-client", "update-user", "execution-date")
        .attrs(BOOL, "have-quorum", "no-quorum-panic")
        .attrs(COUNT, "remote-tls-port", "remote-clear-port")
        // Pacemaker lets the cib element carry attributes of newer or older releases.
        .anyAttributes()
        .child("configuration", REQUIRED)
        .child("status", OPTIONAL);
    define("configuration")
        .child("crm_config", REQUIRED)
        .child("nodes", REQUIRED)
        .child("resources", REQUIRED)
        .child("constraints", REQUIRED)
        .children(OPTIONAL, "rsc_defaults", "op_defaults", "fencing-topology", "tags", "acls")
        .child("alerts", OPTIONAL);
    define("crm_config").child("cluster_property_set", ANY);
    define("nodes").child("node", ANY);
    define("node")
        // Node ids are cluster-layer ids (often numbers), so they are text, not XML IDs.
        .require("id", TEXT)
        .require("uname", TEXT)
        .attr("type", choice("member", "ping", "remote", "normal"))
        .attrs(TEXT, "description")
        .attr("score", SCORE)
        .children(ANY, "instance_attributes", "utilization");
  }

  private void defineNvSets() {
    for (String set :
        List.of("cluster_property_set", "instance_attributes", "meta_attributes", "utilization")) {
      define(set)
          .attr("id", ID)
          .attr("id-ref", ANY_REF)
          .attr("score", SCORE)
          .children(ANY, "rule", "nvpair")
          .check(ShapeChecks::idOrIdRef);
    }
    define("nvpair")
        .attr("id", ID)
        .attr("id-ref", ANY_REF)
        .attrs(TEXT, "name", "value")
        .check(ShapeChecks::idOrIdRef)
        .check(
            (e, p) -> {
              if (!e.hasAttribute("id-ref") && !e.hasAttribute("name")) {
                p.error(e, "attribute 'name' is required");
              }
            });
  }

  private void defineRules() {
    define("rule")
        .attr("id", ID)
        .attr("id-ref", ANY_REF)
        .attr("score", SCORE)
        .attrs(TEXT, "score-attribute")
        .attr("boolean-op", choice("and", "or"))
        .attr("role", ROLE)
        .children(ANY, "expression", "date_expression", "rule", "rsc_expression", "op_expression")
        .check(ShapeChecks::idOrIdRef);
    define("expression")
        .require("id", ID)
        .require("attribute", TEXT)
        .require(
            "operation", choice("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"))
        .attr("value", TEXT)
        .attr("type", choice("string", "integer", "number", "version"))
        .attr("value-source", choice("literal", "param", "meta"));
    define("date_expression")
        .require("id", ID)
        .require("operation", choice("in_range", "date_spec", "gt", "lt"))
        .attrs(TEXT, "start", "end")
        .children(OPTIONAL, "date_spec", "duration");
    for (String spec : List.of("date_spec", "duration")) {
      define(spec)
          .require("id", ID)
          .attrs(TEXT, "hours", "monthdays", "weekdays", "yeardays", "yearsdays", "months", "weeks")
          .attrs(TEXT, "years", "weekyears", "moon", "minutes", "seconds");
    }
    define("rsc_expression").require("id", ID).attrs(TEXT, "class", "provider", "type");
    define("op_expression").require("id", ID).require("name", TEXT).attr("interval", TEXT);
  }

  private void defineResources() {
    define("resources")
        .children(ANY, "primitive", "group", "clone", "master", "template", "bundle");
    define("primitive")
        .require("id", ID)
        .attr("class", choice(AgentClasses.ALL))
        .attrs(TEXT, "provider", "type", "description")
        .attr("template", new AttributeType.IdRef(Set.of("template"), "template"))
        .child("operations", OPTIONAL)
        .children(ANY, "instance_attributes", "meta_attributes", "utilization")
        .check(AgentClasses::checkAgent);
    define("template")
        .require("id", ID)
        .require("class", choice(AgentClasses.ALL))
        .attrs(TEXT, "provider", "type", "description")
        .child("operations", OPTIONAL)
        .children(ANY, "instance_attributes", "meta_attributes", "utilization")
        .check(AgentClasses::checkAgent);
    define("group")
        .require("id", ID)
        .attr("description", TEXT)
        .child("primitive", ONE_OR_MORE)
        .children(ANY, "meta_attributes", "instance_attributes");
    for (String clone : List.of("clone", "master")) {
      define(clone)
          .require("id", ID)
          .attr("description", TEXT)
          .children(OPTIONAL, "primitive", "group")
          .children(ANY, "meta_attributes", "instance_attributes")
          .check((e, p) -> ShapeChecks.exactlyOne(e, p, "primitive", "group"));
    }
    define("bundle")
        .require("id", ID)
        .attr("description", TEXT)
        .children(OPTIONAL, "docker", "rkt", "podman", "network", "storage", "primitive")
        .children(ANY, "meta_attributes")
        .check((e, p) -> ShapeChecks.exactlyOne(e, p, "docker", "rkt", "podman"));
    for (String runtime : List.of("docker", "rkt", "podman")) {
      define(runtime)
          .require("image", TEXT)
          .attrs(COUNT, "replicas", "replicas-per-host", "masters", "promoted-max")
          .attrs(TEXT, "run-command", "network", "options");
    }
    define("network")
        .attrs(TEXT, "ip-range-start", "control-port", "host-interface", "host-netmask")
        .attr("add-host", BOOL)
        .child("port-mapping", ANY);
    define("port-mapping")
        .require("id", ID)
        .attrs(TEXT, "port", "internal-port", "range")
        .check(
            (e, p) -> {
              if (!e.hasAttribute("port") && !e.hasAttribute("range")) {
                p.error(e, "one of 'port' or 'range' is required");
              }
            });
    define("storage").child("storage-mapping", ANY);
    define("storage-mapping")
        .require("id", ID)
        .require("target-dir", TEXT)
        .attrs(TEXT, "source-dir", "source-dir-root", "options")
        .check(
            (e, p) -> {
              if (e.hasAttribute("source-dir") == e.hasAttribute("source-dir-root")) {
                p.error(e, "exactly one of 'source-dir' or 'source-dir-root' is required");
              }
            });
    define("operations")
        .attr("id", ID)
        .attr("id-ref", new AttributeType.IdRef(Set.of("operations"), "operations"))
        .child("op", ANY);
    define("op")
        .require("id", ID)
        .require("name", TEXT)
        .require("interval", TEXT)
        .attrs(TEXT, "description", "start-delay", "interval-origin", "timeout")
        .attrs(BOOL, "enabled", "record-pending")
        .attr("role", ROLE)
        .attr("requires", choice("nothing", "quorum", "fencing", "unfencing"))
        .attr(
            "on-fail",
            choice(
                "ignore",
                "block",
                "stop",
                "restart",
                "standby",
                "fence",
                "restart-container",
                "demote"))
        .children(ANY, "meta_attributes", "instance_attributes");
  }

  private void defineConstraints() {
    define("constraints")
        .children(ANY, "rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket");
    define("rsc_location")
        .require("id", ID)
        .attr("rsc", RESOURCE_REF)
        .attrs(TEXT, "rsc-pattern", "node")
        .attr("role", ROLE)
        .attr("score", SCORE)
        .attr("resource-discovery", choice("always", "never", "exclusive"))
        .attr("lifetime", TEXT)
        .children(ANY, "rule", "resource_set")
        .check(ShapeChecks::locationShape);
    define("rsc_colocation")
        .require("id", ID)
        .attrs(RESOURCE_REF, "rsc", "with-rsc")
        .attrs(ROLE, "rsc-role", "with-rsc-role")
        .attrs(COUNT, "rsc-instance", "with-rsc-instance")
        .attr("score", SCORE)
        .attr("node-attribute", TEXT)
        // Pacemaker's schema takes any text here and falls back to the default when it is not a
        // boolean, so an odd value is a warning, not an error.
        .attr("influence", TEXT)
        .check(
            (e, p) -> {
              if (e.hasAttribute("influence") && BOOL.check(e.getAttribute("influence")) != null) {
                p.warning(e, "'influence' is not a boolean; the default (true) applies");
              }
            })
        .attr("lifetime", TEXT)
        .child("resource_set", ANY)
        .check((e, p) -> ShapeChecks.pairOrSets(e, p, "rsc", "with-rsc"));
    define("rsc_order")
        .require("id", ID)
        .attrs(RESOURCE_REF, "first", "then")
        .attrs(ACTION, "first-action", "then-action")
        .attrs(COUNT, "first-instance", "then-instance")
        .attr("kind", choice("Optional", "Mandatory", "Serialize"))
        .attrs(BOOL, "symmetrical")
        .attr("require-all", BOOL)
        .attr("score", SCORE)
        .attr("lifetime", TEXT)
        .child("resource_set", ANY)
        .check((e, p) -> ShapeChecks.pairOrSets(e, p, "first", "then"));
    define("rsc_ticket")
        .require("id", ID)
        .require("ticket", TEXT)
        .attr("rsc", RESOURCE_REF)
        .attr("rsc-role", ROLE)
        .attr("loss-policy", choice("stop", "demote", "fence", "freeze"))
        .child("resource_set", ANY)
        .check(
            (e, p) -> {
              boolean sets = ShapeChecks.hasChild(e, "resource_set");
              if (sets == e.hasAttribute("rsc")) {
                p.error(e, "needs either attribute 'rsc' or <resource_set> children, not both");
              }
            });
    define("resource_set")
        .attr("id", ID)
        .attr("id-ref", new AttributeType.IdRef(Set.of("resource_set"), "resource set"))
        .attrs(BOOL, "sequential", "require-all")
        .attr("ordering", choice("group", "listed"))
        .attr("action", ACTION)
        .attr("role", ROLE)
        .attr("score", SCORE)
        .attr("kind", choice("Optional", "Mandatory", "Serialize"))
        .child("resource_ref", ANY)
        .check(ShapeChecks::idOrIdRef);
    define("resource_ref").require("id", RESOURCE_REF);
  }

  private void defineOtherSections() {
    for (String defaults : List.of("rsc_defaults", "op_defaults")) {
      define(defaults).children(ANY, "meta_attributes", "instance_attributes");
    }
    define("fencing-topology").child("fencing-level", ANY);
    define("fencing-level")
        .require("id", ID)
        .require("index", new AttributeType.Integer(1))
        .require("devices", TEXT)
        .attrs(TEXT, "target", "target-pattern", "target-attribute", "target-value")
        .check(ShapeChecks::fencingTarget);
    define("tags").child("tag", ANY);
    define("tag").require("id", ID).child("obj_ref", ONE_OR_MORE);
    define("obj_ref").require("id", ANY_REF);
    define("acls").children(ANY, "acl_target", "acl_group", "acl_role", "acl_user");
    for (String holder : List.of("acl_target", "acl_group")) {
      define(holder).require("id", ID).attr("name", TEXT).child("role", ANY);
    }
    define("role").require("id", new AttributeType.IdRef(Set.of("acl_role"), "ACL role"));
    define("acl_role").require("id", ID).attr("description", TEXT).child("acl_permission", ANY);
    define("acl_permission")
        .require("id", ID)
        .require("kind", choice("read", "write", "deny"))
        .attrs(TEXT, "xpath", "object-type", "attribute", "description")
        .attr("reference", ANY_REF)
        .check(ShapeChecks::permissionTarget);
    define("alerts").child("alert", ANY);
    define("alert")
        .require("id", ID)
        .require("path", TEXT)
        .attr("description", TEXT)
        .children(ANY, "meta_attributes", "instance_attributes", "recipient")
        .child("select", OPTIONAL);
    define("recipient")
        .require("id", ID)
        .require("value", TEXT)
        .attr("description", TEXT)
        .children(ANY, "meta_attributes", "instance_attributes");
    define("select")
        .children(
            OPTIONAL, "select_attributes", "select_fencing", "select_nodes", "select_resources");
    define("select_attributes").child("attribute", ANY);
    define("attribute").require("id", ID).require("name", TEXT);
    for (String s : List.of("select_fencing", "select_nodes", "select_resources")) {
      define(s);
    }
  }

  private void defineStatus() {
    // The controller owns the status section; like Pacemaker, accept whatever it holds.
    define("status").anyContent();
  }
}
