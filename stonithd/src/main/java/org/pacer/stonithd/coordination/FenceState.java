package org.pacer.stonithd.coordination;

/** Where a fencing operation stands; the words stonith_admin --history uses. */
public enum FenceState {
  PENDING("pending"),
  SUCCESS("successful"),
  FAILED("failed");

  private final String word;

  FenceState(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }
}
