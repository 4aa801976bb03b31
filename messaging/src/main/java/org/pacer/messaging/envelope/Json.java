package org.pacer.messaging.envelope;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Conversion between message bodies (JSON trees) and Java records. The mapper is configured once
 * here and never changed afterwards, so sharing it carries no mutable state.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Json() {}

  /** A copy of the configured mapper, for callers that need streaming or their own settings. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  public static JsonNode toTree(Object value) {
    if (value == null) {
      return MAPPER.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    return MAPPER.valueToTree(value);
  }

  /**
   * Converts a body into a record or class.
   *
   * @throws IllegalArgumentException naming the type when the body does not fit it
   */
  public static <T> T fromTree(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "body is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
