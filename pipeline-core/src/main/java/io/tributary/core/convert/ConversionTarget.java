package io.tributary.core.convert;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a conversion writes: format, compression, layout and partition size. Only supported combinations
 * can be built; {@link #refusal} says why a combination is not, and what to use instead.
 */
public record ConversionTarget(
    OutputFormat format, Compression compression, PartitionLayout layout, PartitionSize partitionSize)
    implements Serializable {

  public ConversionTarget {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(partitionSize, "partitionSize");
    refusal(format, compression, layout).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
  }

  /**
   * Why {@code format} with {@code compression} cannot be written in {@code layout}, if it cannot. The
   * dataclient layout compresses whole files, so every compression works there; the athena layout
   * compresses inside the file, where each format has its own codec list.
   */
  public static Optional<String> refusal(OutputFormat format, Compression compression, PartitionLayout layout) {
    if (layout == PartitionLayout.DATACLIENT) {
      return Optional.empty();
    }
    if (format == OutputFormat.PARQUET && compression == Compression.BZ2) {
      return Optional.of("parquet has no bzip2 column codec (the athena layout compresses inside the file); "
          + "use zst, gz, br, lz4, sz or none, or the dataclient layout, which bzip2-compresses whole files");
    }
    if (format == OutputFormat.ARROW && compression != Compression.LZ4 && compression != Compression.ZST
        && compression != Compression.NONE) {
      return Optional.of("arrow IPC files compress their buffers only with lz4 or zstd (the athena layout "
          + "compresses inside the file), not " + compression.label() + "; use lz4, zst or none, or the "
          + "dataclient layout, which compresses whole files with any codec");
    }
    return Optional.empty();
  }

  /**
   * The path of the file holding the partition that starts at {@code partitionStart}, relative to the
   * dataset directory.
   */
  public String partitionFile(Instant partitionStart) {
    if (layout == PartitionLayout.DATACLIENT) {
      return partitionSize.dataClientFile(partitionStart, format.extension(), compression.extension());
    }
    return partitionSize.athenaPath(partitionStart) + "/part-" + partitionStart.getEpochSecond() + "."
        + format.extension();
  }

  /** The name of this target's files for one partition, before any compression extension. */
  public String fileStem(Instant partitionStart) {
    return partitionStart.getEpochSecond() + "." + format.extension();
  }
}
