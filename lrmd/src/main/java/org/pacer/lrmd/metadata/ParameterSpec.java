package org.pacer.lrmd.metadata;

/**
 * One parameter an agent accepts.
 *
 * @param name passed to the agent as {@code OCF_RESKEY_<name>}
 * @param type the content type: string, integer, boolean, ... ("string" when not given)
 * @param defaultValue the default, or null when it declares none
 * @param required whether a resource must set it
 * @param unique whether no two resources may share a value
 * @param reloadable whether a change can be applied with reload-agent
 * @param deprecated whether the agent marks it deprecated
 * @param shortDescription one line
 * @param longDescription several lines
 */
public record ParameterSpec(
    String name,
    String type,
    String defaultValue,
    boolean required,
    boolean unique,
    boolean reloadable,
    boolean deprecated,
    String shortDescription,
    String longDescription) {}
