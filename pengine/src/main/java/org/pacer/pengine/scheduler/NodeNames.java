package org.pacer.pengine.scheduler;

/**
 * The order Pacemaker's tools list nodes in: case-insensitive, with runs of digits compared as
 * numbers, so node2 comes before node10.
 */
public final class NodeNames {
  private NodeNames() {}

  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String na = stripZeros(a.substring(i, ei));
        String nb = stripZeros(b.substring(j, ej));
        int c = na.length() != nb.length() ? na.length() - nb.length() : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
        continue;
      }
      int c = Character.toLowerCase(x) - Character.toLowerCase(y);
      if (c != 0) {
        return c;
      }
      i++;
      j++;
    }
    return (a.length() - i) - (b.length() - j);
  }

  private static int digitsEnd(String s, int from) {
    int e = from;
    while (e < s.length() && Character.isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
