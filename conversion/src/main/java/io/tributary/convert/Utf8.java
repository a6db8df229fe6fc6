package io.tributary.convert;

/** Checks bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
final class Utf8 {
  private Utf8() {}

  /** The index of the first byte of an ill-formed sequence in {@code [start, end)}, or -1 when all is well. */
  static int firstInvalid(byte[] b, int start, int end) {
    int i = start;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int length;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + length > end) {
        return i;
      }
      int code = c & (0xFF >> (length + 1));
      for (int k = 1; k < length; k++) {
        int next = b[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return i;
        }
        code = (code << 6) | (next & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return i;
      }
      i += length;
    }
    return -1;
  }
}
