package io.tributary.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CSV records (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, LF or CRLF) one
 * at a time from a stream, without building strings: each field is a slice of a reused byte buffer.
 * Knows the line each record starts on, and keeps the record's raw text for rejection reports.
 */
public final class CsvRecordReader {
  private static final int CHUNK = 1 << 16;

  private final InputStream in;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;

  private byte[] raw = new byte[1024];
  private int rawLength;
  /** The OR of the current record's bytes: its high bit says whether any byte is not ASCII. */
  private int rawBits;
  /** Whether the current record has a quote; when not, its fields end at {@link #commas}. */
  private boolean rawQuoted;
  /** Where the current record's commas are in {@link #raw}, found while reading it. */
  private int[] commas = new int[16];
  private int commaCount;
  private byte[] unquoted = new byte[1024];
  private int unquotedLength;
  private long nextLine = 1;
  private long recordLine;

  private int fieldCount;
  private byte[][] fieldBuffers = new byte[16][];
  private int[] fieldStarts = new int[16];
  private int[] fieldEnds = new int[16];

  public CsvRecordReader(InputStream in) {
    this.in = in;
  }

  /** Advances to the next record; false at the end of the stream. Blank lines are skipped. */
  public boolean next() throws IOException {
    while (readRawRecord()) {
      if (rawLength > 0) {
        if (rawQuoted) {
          split();
        } else {
          splitAtCommas();
        }
        return true;
      }
    }
    return false;
  }

  /** The line (1-based) the current record starts on. */
  public long line() {
    return recordLine;
  }

  public int fieldCount() {
    return fieldCount;
  }

  byte[] buffer(int field) {
    return fieldBuffers[field];
  }

  int start(int field) {
    return fieldStarts[field];
  }

  int end(int field) {
    return fieldEnds[field];
  }

  public int length(int field) {
    return fieldEnds[field] - fieldStarts[field];
  }

  public String text(int field) {
    return new String(fieldBuffers[field], fieldStarts[field], length(field), StandardCharsets.UTF_8);
  }

  /** Whether every byte of the current record is ASCII (so every field is valid UTF-8). */
  boolean ascii() {
    return (rawBits & 0x80) == 0;
  }

  /** The current record as it was in the file, without its line break. */
  String rawText() {
    return new String(raw, 0, rawLength, StandardCharsets.UTF_8);
  }

  private boolean readRawRecord() throws IOException {
    rawLength = 0;
    rawBits = 0;
    rawQuoted = false;
    commaCount = 0;
    recordLine = nextLine;
    boolean inQuotes = false;
    boolean any = false;
    while (true) {
      if (chunkPos == chunkEnd && !fill()) {
        return any;
      }
      any = true;
      int i = chunkPos;
      int end = chunkEnd;
      byte[] c = chunk;
      int bits = 0;
      while (i < end) {
        byte b = c[i];
        bits |= b;
        if (b == ',') {
          if (!inQuotes) {
            addComma(rawLength + i - chunkPos);
          }
        } else if (b == '"') {
          inQuotes = !inQuotes;
          rawQuoted = true;
        } else if (b == '\n') {
          nextLine++;
          if (!inQuotes) {
            rawBits |= bits;
            append(c, chunkPos, i);
            chunkPos = i + 1;
            if (rawLength > 0 && raw[rawLength - 1] == '\r') {
              rawLength--;
            }
            return true;
          }
        }
        i++;
      }
      rawBits |= bits;
      append(c, chunkPos, end);
      chunkPos = end;
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.readNBytes(chunk, 0, CHUNK);
    if (n <= 0) {
      eof = true;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  private void append(byte[] source, int from, int to) {
    int n = to - from;
    if (rawLength + n > raw.length) {
      raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLength + n));
    }
    System.arraycopy(source, from, raw, rawLength, n);
    rawLength += n;
  }

  private void addComma(int at) {
    if (commaCount == commas.length) {
      commas = Arrays.copyOf(commas, commaCount * 2);
    }
    commas[commaCount++] = at;
  }

  /** Splits a record without quotes at the commas found while reading it. */
  private void splitAtCommas() {
    fieldCount = 0;
    int start = 0;
    for (int c = 0; c < commaCount; c++) {
      addField(raw, start, commas[c]);
      start = commas[c] + 1;
    }
    addField(raw, start, rawLength);
  }

  private void split() {
    fieldCount = 0;
    unquotedLength = 0;
    int i = 0;
    while (true) {
      if (i < rawLength && raw[i] == '"') {
        i = quotedField(i + 1);
      } else {
        int start = i;
        while (i < rawLength && raw[i] != ',') {
          i++;
        }
        addField(raw, start, i);
      }
      if (i >= rawLength) {
        return;
      }
      i++; // the comma
      if (i == rawLength) {
        addField(raw, i, i);
        return;
      }
    }
  }

  /** Copies a quoted field's content, undoubling quotes; returns the index after its closing quote. */
  private int quotedField(int i) {
    if (unquoted.length < unquotedLength + rawLength) {
      unquoted = Arrays.copyOf(unquoted, Math.max(unquoted.length * 2, unquotedLength + rawLength));
    }
    int start = unquotedLength;
    while (i < rawLength) {
      byte b = raw[i];
      if (b == '"') {
        if (i + 1 < rawLength && raw[i + 1] == '"') {
          unquoted[unquotedLength++] = '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      unquoted[unquotedLength++] = b;
      i++;
    }
    addField(unquoted, start, unquotedLength);
    // Text after a closing quote up to the comma belongs to the field, as most readers keep it.
    int tail = i;
    while (i < rawLength && raw[i] != ',') {
      i++;
    }
    if (i > tail) {
      System.arraycopy(raw, tail, unquoted, unquotedLength, i - tail);
      unquotedLength += i - tail;
      fieldEnds[fieldCount - 1] = unquotedLength;
    }
    return i;
  }

  private void addField(byte[] buffer, int start, int end) {
    if (fieldCount == fieldStarts.length) {
      fieldStarts = Arrays.copyOf(fieldStarts, fieldCount * 2);
      fieldEnds = Arrays.copyOf(fieldEnds, fieldCount * 2);
      fieldBuffers = Arrays.copyOf(fieldBuffers, fieldCount * 2);
    }
    fieldBuffers[fieldCount] = buffer;
    fieldStarts[fieldCount] = start;
    fieldEnds[fieldCount] = end;
    fieldCount++;
  }
}
