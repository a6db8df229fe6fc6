package io.tributary.spark.warehouse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local Parquet file read through java.nio. Hadoop's local file system cannot open the seed tool's file
 * names: a {@code :} in the name (an RFC 3339 time) breaks the path of its checksum file.
 */
final class LocalParquetFile implements InputFile {
  private final Path path;

  LocalParquetFile(Path path) {
    this.path = path;
  }

  @Override
  public long getLength() throws IOException {
    return Files.size(path);
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
      }
    };
  }
}
