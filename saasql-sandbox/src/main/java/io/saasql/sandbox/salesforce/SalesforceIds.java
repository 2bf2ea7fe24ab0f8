package io.saasql.sandbox.salesforce;

import java.util.Optional;

/**
 * Salesforce record Ids: 15 case-sensitive base-62 characters (a three-character key prefix that
 * names the object, then the record number), and the 18-character form that appends a
 * three-character checksum of the upper-case letters so that the Id survives case-insensitive
 * systems.
 */
final class SalesforceIds {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /** The 18-character Id of a 15-character one. */
  static String withChecksum(String id15) {
    if (id15.length() != 15 || !isAlphanumeric(id15)) {
      throw new IllegalArgumentException("not a 15-character Id: " + id15);
    }
    StringBuilder suffix = new StringBuilder(3);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      suffix.append(SUFFIX_CHARS.charAt(bits));
    }
    return id15 + suffix;
  }

  /**
   * The canonical 18-character form of an Id as a client may send it: 15 characters exactly as
   * given, or 18 characters in any letter case (the checksum restores the case of the first 15).
   * Empty when the text cannot be an Id.
   */
  static Optional<String> normalize(String text) {
    if (text == null || !isAlphanumeric(text)) {
      return Optional.empty();
    }
    if (text.length() == 15) {
      return Optional.of(withChecksum(text));
    }
    if (text.length() != 18) {
      return Optional.empty();
    }
    String suffix = text.substring(15).toUpperCase(java.util.Locale.ROOT);
    StringBuilder id15 = new StringBuilder(15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = SUFFIX_CHARS.indexOf(suffix.charAt(chunk));
      if (bits < 0) {
        return Optional.empty();
      }
      for (int i = 0; i < 5; i++) {
        char c = text.charAt(chunk * 5 + i);
        boolean upper = (bits & (1 << i)) != 0;
        if (Character.isLetter(c)) {
          c = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
        } else if (upper) {
          return Optional.empty();
        }
        id15.append(c);
      }
    }
    return Optional.of(id15 + suffix);
  }

  /** {@code value} in base 62 ({@code 0-9A-Za-z}, so that numeric order is text order), padded. */
  static String base62(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative: " + value);
    }
    char[] out = new char[width];
    long v = value;
    for (int i = width - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (v % 62));
      v /= 62;
    }
    if (v != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " base-62 digits");
    }
    return new String(out);
  }

  /**
   * The record number of an Id in the form {@link #of} makes: its characters 7 to 15 read as
   * base 62.
   */
  static long number(String id) {
    long n = 0;
    for (int i = 6; i < 15; i++) {
      int digit = BASE62.indexOf(id.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("not an Id: " + id);
      }
      n = n * 62 + digit;
    }
    return n;
  }

  /**
   * The 18-character Id of record number {@code number} of an object: key prefix, the pod
   * {@code 5g0} and nine base-62 digits, as the demo org's Ids look.
   */
  static String of(String keyPrefix, long number) {
    return withChecksum(keyPrefix + "5g0" + base62(number, 9));
  }

  private static boolean isAlphanumeric(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
