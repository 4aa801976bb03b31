package org.pacer.messaging.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns envelopes into JSON bytes and back. Decoding is strict: an unknown kind, a missing kind or
 * bytes that are not one JSON object are a {@link MalformedEnvelopeException} naming the problem,
 * so a server can log one clear line and drop the connection.
 */
public final class EnvelopeCodec {

  private final ObjectMapper mapper;

  public EnvelopeCodec() {
    this(Json.mapper());
  }

  public EnvelopeCodec(ObjectMapper mapper) {
    this.mapper =
        mapper
            .copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** The mapper used for bodies, so callers convert records the same way the codec does. */
  public ObjectMapper mapper() {
    return mapper;
  }

  public byte[] encode(Envelope envelope) {
    try {
      return mapper.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode envelope " + envelope.type(), e);
    }
  }

  public Envelope decode(byte[] bytes) throws MalformedEnvelopeException {
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedEnvelopeException("frame is not valid JSON: " + firstLine(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedEnvelopeException("frame is not a JSON object");
    }
    JsonNode kind = tree.get("kind");
    if (kind == null || !kind.isTextual()) {
      throw new MalformedEnvelopeException("envelope has no kind");
    }
    Kind parsed;
    try {
      parsed = Kind.valueOf(kind.asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("unknown envelope kind '" + kind.asText() + "'");
    }
    return new Envelope(
        parsed,
        tree.path("type").asText(""),
        longField(tree, "id"),
        longField(tree, "correlationId"),
        tree.path("sender").asText(""),
        longField(tree, "deadline"),
        tree.get("body"));
  }

  private static long longField(JsonNode tree, String name) throws MalformedEnvelopeException {
    JsonNode node = tree.get(name);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new MalformedEnvelopeException("envelope field '" + name + "' is not an integer");
    }
    return node.asLong();
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
