package org.apache.hadoop.io.compress;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Hadoop codec Parquet loads for its BROTLI column codec (the class name is fixed by parquet-mr),
 * backed by brotli4j. Parquet compresses and decompresses one page at a time, so each stream buffers its
 * page and (de)compresses it whole on finish / first read.
 */
public class BrotliCodec implements CompressionCodec {
  /** Brotli quality 0..11; Parquet writers commonly use a middle level for speed. */
  static final int QUALITY = 5;

  public BrotliCodec() {
    Brotli4jLoader.ensureAvailability();
  }

  @Override
  public CompressionOutputStream createOutputStream(OutputStream out) {
    return new CompressionOutputStream(out) {
      private final ByteArrayOutputStream page = new ByteArrayOutputStream();
      private boolean finished;

      @Override
      public void write(int b) {
        page.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        page.write(b, off, len);
      }

      @Override
      public void finish() throws IOException {
        if (finished) {
          return; // close() calls finish() again
        }
        finished = true;
        out.write(Encoder.compress(page.toByteArray(), new Encoder.Parameters().setQuality(QUALITY)));
        page.reset();
      }

      @Override
      public void resetState() {
        page.reset();
        finished = false;
      }
    };
  }

  @Override
  public CompressionOutputStream createOutputStream(OutputStream out, Compressor compressor) {
    return createOutputStream(out);
  }

  @Override
  public Class<? extends Compressor> getCompressorType() {
    return null;
  }

  @Override
  public Compressor createCompressor() {
    return null;
  }

  @Override
  public CompressionInputStream createInputStream(InputStream in) throws IOException {
    return new CompressionInputStream(in) {
      private InputStream page;

      private InputStream page() throws IOException {
        if (page == null) {
          DirectDecompress result = Decoder.decompress(in.readAllBytes());
          if (result.getResultStatus() != DecoderJNI.Status.DONE) {
            throw new IOException("brotli page does not decompress: " + result.getResultStatus());
          }
          page = new ByteArrayInputStream(result.getDecompressedData());
        }
        return page;
      }

      @Override
      public int read() throws IOException {
        return page().read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return page().read(b, off, len);
      }

      @Override
      public void resetState() {
        page = null;
      }
    };
  }

  @Override
  public CompressionInputStream createInputStream(InputStream in, Decompressor decompressor) throws IOException {
    return createInputStream(in);
  }

  @Override
  public Class<? extends Decompressor> getDecompressorType() {
    return null;
  }

  @Override
  public Decompressor createDecompressor() {
    return null;
  }

  @Override
  public String getDefaultExtension() {
    return ".br";
  }
}
