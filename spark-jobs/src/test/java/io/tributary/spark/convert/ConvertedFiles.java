package io.tributary.spark.convert;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import io.tributary.convert.S3dbSampleData;
import io.tributary.core.convert.Compression;
import io.tributary.core.convert.ConversionTarget;
import io.tributary.core.convert.OutputFormat;
import io.tributary.core.convert.PartitionLayout;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.Text;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads converted files back with the formats' own readers (parquet-mr, Arrow), after undoing any
 * whole-file compression with commons-compress (which detects the container by its magic bytes) or
 * brotli4j. Independent of the writing code, so a test comparing values proves the files.
 */
final class ConvertedFiles {
  private static final Map<Compression, String> CONTAINERS = Map.of(
      Compression.GZ, CompressorStreamFactory.GZIP, Compression.BZ2, CompressorStreamFactory.BZIP2,
      Compression.LZ4, CompressorStreamFactory.LZ4_FRAMED, Compression.ZST, CompressorStreamFactory.ZSTANDARD,
      Compression.SZ, CompressorStreamFactory.SNAPPY_FRAMED);

  private ConvertedFiles() {}

  /** The rows of {@code file}, each a list of Long, Double, String, Boolean or null. */
  static List<List<Object>> read(Path file, ConversionTarget target, Path scratch) throws Exception {
    Path plain = file;
    if (target.layout() == PartitionLayout.DATACLIENT && target.compression() != Compression.NONE) {
      plain = scratch.resolve("plain-" + System.nanoTime());
      try (InputStream in = decompress(file, target.compression())) {
        Files.copy(in, plain);
      }
    }
    return target.format() == OutputFormat.PARQUET ? readParquet(plain) : readArrow(plain);
  }

  /** Each column of a Parquet or Arrow file (uncompressed container) with whether it may hold nulls. */
  static Map<String, Boolean> nullable(Path file) throws IOException {
    Map<String, Boolean> columns = new java.util.LinkedHashMap<>();
    if (file.toString().endsWith(".parquet")) {
      try (ParquetFileReader reader = ParquetFileReader.open(
          HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        reader.getFooter().getFileMetaData().getSchema().getFields().forEach(f -> columns.put(f.getName(),
            f.getRepetition() != org.apache.parquet.schema.Type.Repetition.REQUIRED));
      }
      return columns;
    }
    try (RootAllocator allocator = new RootAllocator();
        var channel = Files.newByteChannel(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
      reader.getVectorSchemaRoot().getSchema().getFields().forEach(f -> columns.put(f.getName(), f.isNullable()));
    }
    return columns;
  }

  /** The Parquet column codec of every column chunk of {@code file}. */
  static List<String> parquetCodecs(Path file) throws IOException {
    List<String> codecs = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : block.getColumns()) {
          codecs.add(column.getCodec().name());
        }
      }
    }
    return codecs;
  }

  private static InputStream decompress(Path file, Compression compression) throws Exception {
    InputStream in = new BufferedInputStream(Files.newInputStream(file));
    if (compression == Compression.BR) {
      Brotli4jLoader.ensureAvailability();
      return new BrotliInputStream(in);
    }
    String detected = CompressorStreamFactory.detect(in);
    if (!detected.equals(CONTAINERS.get(compression))) {
      throw new AssertionError(file + " is " + detected + ", expected " + CONTAINERS.get(compression));
    }
    return new CompressorStreamFactory().createCompressorInputStream(detected, in, true);
  }

  private static List<List<Object>> readParquet(Path file) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toUri())).build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        List<Object> row = new ArrayList<>();
        for (int c = 0; c < group.getType().getFieldCount(); c++) {
          if (group.getFieldRepetitionCount(c) == 0) {
            row.add(null);
            continue;
          }
          PrimitiveType.PrimitiveTypeName type = group.getType().getType(c).asPrimitiveType().getPrimitiveTypeName();
          row.add(switch (type) {
            case INT64 -> group.getLong(c, 0);
            case DOUBLE -> group.getDouble(c, 0);
            case BOOLEAN -> group.getBoolean(c, 0);
            case BINARY -> group.getString(c, 0);
            default -> throw new AssertionError("unexpected type " + type);
          });
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<List<Object>> readArrow(Path file) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (RootAllocator allocator = new RootAllocator();
        var channel = Files.newByteChannel(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        for (int r = 0; r < root.getRowCount(); r++) {
          List<Object> row = new ArrayList<>();
          for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(r);
            row.add(value instanceof Text text ? text.toString() : value);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** A row as the sample generator defines it. */
  static List<Object> sampleRow(java.time.Instant day, int hour, int node, int release) {
    long start = day.getEpochSecond() + hour * 3600L;
    Double lmp = (hour + node + release) % 7 == 0 ? null : S3dbSampleData.price(start, node, release);
    return Arrays.asList(start - 86_400 + release, start, start + 3600, S3dbSampleData.nodeName(node), lmp,
        (hour + node) % 2 == 0);
  }
}
