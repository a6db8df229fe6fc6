package io.tributary.convert;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.ZstdOutputStream;
import io.tributary.core.convert.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Streams that compress a whole file (the dataclient layout), each in its standard container so common
 * tools open it: gzip, bzip2, the LZ4 frame format, the Zstandard frame format, the Snappy framing
 * format, and a raw Brotli stream (which has no container).
 */
final class WholeFileCompression {
  private static final int BROTLI_QUALITY = 5;
  private static final int ZSTD_LEVEL = 3;

  private WholeFileCompression() {}

  /** {@code out} compressed with {@code compression}; closing the result closes {@code out}. */
  static OutputStream wrap(Compression compression, OutputStream out) throws IOException {
    return switch (compression) {
      case NONE -> out;
      case GZ -> new GZIPOutputStream(out, 1 << 16);
      case BZ2 -> new BZip2CompressorOutputStream(out);
      case LZ4 -> new LZ4FrameOutputStream(out);
      case ZST -> new ZstdOutputStream(out, ZSTD_LEVEL);
      case SZ -> new SnappyFramedOutputStream(out);
      case BR -> {
        Brotli4jLoader.ensureAvailability();
        yield new BrotliOutputStream(out, new Encoder.Parameters().setQuality(BROTLI_QUALITY), 1 << 16);
      }
    };
  }
}
