package io.tributary.spark.pg;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian reads from a COPY stream through one unsynchronized buffer. (DataInputStream over a
 * BufferedInputStream takes a lock per byte, which dominated the decoder's profile.)
 */
final class CopyStreamReader {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final InputStream in;
  private final byte[] buffer;
  private int position;
  private int limit;

  CopyStreamReader(InputStream in, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  /** Makes at least {@code count} (at most the buffer size) bytes available, or throws at end of stream. */
  private void require(int count) throws IOException {
    if (limit - position >= count) {
      return;
    }
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < count) {
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        throw new EOFException("COPY stream ended " + (count - limit) + " bytes early");
      }
      limit += read;
    }
  }

  byte readByte() throws IOException {
    require(1);
    return buffer[position++];
  }

  short readShort() throws IOException {
    require(2);
    short value = (short) SHORT.get(buffer, position);
    position += 2;
    return value;
  }

  int readInt() throws IOException {
    require(4);
    int value = (int) INT.get(buffer, position);
    position += 4;
    return value;
  }

  long readLong() throws IOException {
    require(8);
    long value = (long) LONG.get(buffer, position);
    position += 8;
    return value;
  }

  float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  /** The next {@code length} bytes, as a new array. */
  byte[] readBytes(int length) throws IOException {
    byte[] bytes = new byte[length];
    int copied = 0;
    while (copied < length) {
      require(1);
      int chunk = Math.min(length - copied, limit - position);
      System.arraycopy(buffer, position, bytes, copied, chunk);
      position += chunk;
      copied += chunk;
    }
    return bytes;
  }

  void skip(int length) throws IOException {
    readBytes(length);
  }
}
