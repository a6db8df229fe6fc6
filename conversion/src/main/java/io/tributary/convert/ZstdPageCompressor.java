package io.tributary.convert;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses Parquet pages with zstd through reused native contexts. parquet-mr's own zstd codec opens a
 * stream, and with it a new native context, for every page and dictionary page: about a dozen per small
 * file, which was most of the fixed cost of converting a day file. The contexts (each with its output
 * buffer) are shared by every writer of the process, so there are only as many as pages compressed at
 * once, however many files are open (48 for hour partitions on 2 cores). Each page is one zstd frame, as the
 * format requires; the level is parquet-mr's setting ({@code parquet.compression.codec.zstd.level}, 3).
 */
final class ZstdPageCompressor extends CodecFactory.BytesCompressor {
  private static final String LEVEL = "parquet.compression.codec.zstd.level";
  private static final int DEFAULT_LEVEL = 3;
  private static final ConcurrentLinkedQueue<Context> IDLE = new ConcurrentLinkedQueue<>();

  /** A native context and the buffer it compresses into, used by one page at a time. */
  private static final class Context {
    final ZstdCompressCtx zstd = new ZstdCompressCtx();
    byte[] output = new byte[64 << 10];
  }

  private final int level;

  ZstdPageCompressor(Configuration conf) {
    level = conf.getInt(LEVEL, DEFAULT_LEVEL);
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    byte[] input = bytes.toByteArray();
    Context context = IDLE.poll();
    if (context == null) {
      context = new Context();
    }
    try {
      int bound = (int) Zstd.compressBound(input.length);
      if (context.output.length < bound) {
        context.output = new byte[Math.max(bound, context.output.length * 2)];
      }
      int length = context.zstd.setLevel(level)
          .compressByteArray(context.output, 0, context.output.length, input, 0, input.length);
      // The page store keeps what it is given until the row group is written: hand it its own copy.
      return BytesInput.from(Arrays.copyOf(context.output, length));
    } finally {
      IDLE.offer(context);
    }
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  @Override
  public void release() {
    // the contexts stay for the next writer
  }
}
