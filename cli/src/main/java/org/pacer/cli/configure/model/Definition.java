package org.pacer.cli.configure.model;

import java.util.List;
import java.util.Map;

/** A CIB object as the configure language defines it: one statement, one object. */
public sealed interface Definition {

  /** The id the object has (or will have) in the CIB. */
  String id();

  /**
   * {@code primitive} or {@code rsc_template}.
   *
   * @param agent as written: {@code class:provider:type}, {@code class:type}, {@code type} or
   *     {@code @template}
   * @param operationsAt how many of the sets were written before the operations, so that the
   *     operations element stands where the text put it
   */
  record Primitive(
      boolean template,
      String id,
      String agent,
      String description,
      List<AttrSet> sets,
      String operationsId,
      String operationsIdRef,
      List<Op> ops,
      int operationsAt)
      implements Definition {
    public Primitive {
      sets = List.copyOf(sets);
      ops = List.copyOf(ops);
    }
  }

  /** {@code group}, {@code clone} or {@code ms}/{@code master}. */
  record Container(
      String kind, String id, List<String> children, String description, List<AttrSet> sets)
      implements Definition {
    public Container {
      children = List.copyOf(children);
      sets = List.copyOf(sets);
    }
  }

  /**
   * {@code bundle}: one container engine element, optional network with port mappings, optional
   * storage with storage mappings, an optional primitive, and meta/params sets.
   */
  record Bundle(
      String id,
      String description,
      String engine,
      Map<String, String> engineAttributes,
      Map<String, String> network,
      List<Map<String, String>> portMappings,
      boolean storage,
      List<Map<String, String>> storageMappings,
      String primitive,
      List<AttrSet> sets)
      implements Definition {}

  /**
   * {@code location}: a resource, a {@code /pattern/} or <code>{ sets }</code>; then either {@code
   * score: node} or rules.
   */
  record Location(
      String id,
      String rsc,
      String rscPattern,
      List<ResourceSet> sets,
      String role,
      String resourceDiscovery,
      String score,
      String node,
      List<Rule> rules)
      implements Definition {}

  /** {@code colocation}: score and two resources or resource sets. */
  record Colocation(String id, String score, List<ResourceSet> sets, Map<String, String> attributes)
      implements Definition {}

  /** {@code order}: kind or score, then two resources or resource sets. */
  record Order(
      String id, String kind, String score, List<ResourceSet> sets, Map<String, String> attributes)
      implements Definition {}

  /** {@code rsc_ticket}: a ticket and the resources that depend on it. */
  record Ticket(String id, String ticket, List<ResourceSet> sets, Map<String, String> attributes)
      implements Definition {}

  /** {@code property}, {@code rsc_defaults}, {@code op_defaults}: one set; id may be null. */
  record ClusterSet(AttrSet set) implements Definition {
    @Override
    public String id() {
      return set.id();
    }
  }

  /** {@code node}: uname, optional id and type, attribute and utilization sets. */
  record Node(String id, String uname, String type, String description, List<AttrSet> sets)
      implements Definition {
    /** A node's id is its uname unless given. */
    @Override
    public String id() {
      return id != null ? id : uname;
    }
  }

  /** {@code tag}: a name for a list of objects. */
  record Tag(String id, List<String> refs) implements Definition {}

  /** {@code fencing_topology}. A level without a target applies to every node. */
  record FencingTopology(List<Level> levels) implements Definition {
    /**
     * @param target node name, or null
     * @param targetPattern from {@code pattern:RE}, or null
     * @param targetAttribute from {@code attr:NAME=VALUE}, or null (then targetValue is set)
     */
    public record Level(
        String target,
        String targetPattern,
        String targetAttribute,
        String targetValue,
        String devices) {}

    @Override
    public String id() {
      return "fencing_topology";
    }
  }

  /** {@code alert}: a script path, sets, a select filter and recipients. */
  record Alert(
      String id,
      String path,
      String description,
      List<AttrSet> sets,
      List<String> select,
      List<String> selectAttributes,
      List<Recipient> recipients)
      implements Definition {
    /** One {@code to} clause. */
    public record Recipient(String value, String id, String description, List<AttrSet> sets) {}
  }

  /** {@code role}: ACL permissions; each is a right and its words as written. */
  record Role(String id, List<Permission> permissions) implements Definition {
    public record Permission(String right, List<String> spec) {}
  }

  /** {@code acl_target} or {@code acl_group} with the roles it has. */
  record AclTarget(String kind, String id, List<String> roles) implements Definition {}

  /** {@code xml <element .../>}: raw XML that has no language form. */
  record RawXml(String id, String xml) implements Definition {}
}
