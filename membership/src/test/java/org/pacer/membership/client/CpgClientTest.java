package org.pacer.membership.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.pacer.membership.api.CpgRequests;

class CpgClientTest {

  @Test
  void aRefusalNamingAnUnknownClientMeansJoinAgain() {
    Exception refusal =
        new CompletionException(
            new IllegalStateException("client 'c1' " + CpgRequests.NOT_JOINED + " (bad request)"));
    assertTrue(CpgClient.forgotten(refusal));
    assertFalse(CpgClient.forgotten(new CompletionException(new IllegalStateException("timeout"))));
    assertFalse(CpgClient.forgotten(null), "success is not a refusal");
  }
}
