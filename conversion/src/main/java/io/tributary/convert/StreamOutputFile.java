package io.tributary.convert;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet {@link OutputFile} over an already open stream (for example a compressing one). */
final class StreamOutputFile implements OutputFile {
  private final OutputStream out;

  StreamOutputFile(OutputStream out) {
    this.out = out;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    CountingOutputStream counted = new CountingOutputStream(out);
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return counted.count();
      }

      @Override
      public void write(int b) throws IOException {
        counted.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        counted.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        counted.flush();
      }

      @Override
      public void close() throws IOException {
        counted.close();
      }
    };
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }
}
