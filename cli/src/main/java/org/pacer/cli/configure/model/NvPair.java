package org.pacer.cli.configure.model;

/**
 * One name=value in an attribute set. {@code $myid:name=value} gives the pair an explicit id;
 * {@code @ref} makes it a reference to another pair ({@code name} and {@code value} are then null).
 * A name without {@code =} has a null value (crmsh writes it without a value attribute).
 */
public record NvPair(String name, String value, String id, String idRef) {
  public static NvPair of(String name, String value) {
    return new NvPair(name, value, null, null);
  }
}
