package org.pacer.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private final EnvelopeCodec codec = new EnvelopeCodec();

  private String reason(String json) {
    return assertThrows(
            MalformedEnvelopeException.class,
            () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }

  @Test
  void roundTripKeepsEveryField() throws Exception {
    Envelope e =
        new Envelope(
            Kind.ERROR, "cib.modify", 9, 8, "crmd", 77, new ErrorBody("X", "why").toJson());
    assertEquals(e, codec.decode(codec.encode(e)));
  }

  @Test
  void missingBodyBecomesNull() throws Exception {
    Envelope e =
        codec.decode("{\"kind\":\"PUSH\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    assertTrue(e.body().isNull());
    assertEquals(0, e.id());
  }

  @Test
  void malformedInputIsNamed() {
    assertTrue(reason("{nope").startsWith("frame is not valid JSON"));
    assertEquals("frame is not a JSON object", reason("[1]"));
    assertEquals("envelope has no kind", reason("{\"type\":\"x\"}"));
    assertEquals("unknown envelope kind 'NOPE'", reason("{\"kind\":\"NOPE\"}"));
    assertEquals(
        "envelope field 'id' is not an integer", reason("{\"kind\":\"PUSH\",\"id\":\"a\"}"));
    assertTrue(reason("{\"kind\":\"PUSH\"} trailing").startsWith("frame is not valid JSON"));
  }

  @Test
  void responseCorrelatesWithTheRequest() {
    Envelope request = Envelope.request(5, "t", "c", 0, JsonNodeFactory.instance.nullNode());
    Envelope response = request.response(1, "s", null);
    assertEquals(5, response.correlationId());
    assertEquals(Kind.RESPONSE, response.kind());
    assertTrue(request.expiredAt(1) == false);
    assertTrue(Envelope.request(1, "t", "c", 10, null).expiredAt(11));
  }
}
