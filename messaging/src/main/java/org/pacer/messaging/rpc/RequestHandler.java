package org.pacer.messaging.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/** Answers one request type. Throw {@link RequestException} for an error the caller should see. */
@FunctionalInterface
public interface RequestHandler {
  CompletionStage<JsonNode> handle(Request request) throws Exception;
}
