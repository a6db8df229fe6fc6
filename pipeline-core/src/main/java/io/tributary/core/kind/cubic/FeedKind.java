package io.tributary.core.kind.cubic;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three feeds a Cubic incoming prefix holds, by the folder under {@code cubic/} they land in. */
public enum FeedKind {
  /** ODS tables replicated by Qlik: LOAD snapshots and {@code __ct} change tables, each file with a .dfm. */
  ODS("ods_qlik"),
  /** DMAP daily files: CSV with a header row, no dfm. */
  DMAP("dmap"),
  /** Kafka batches written by the Kinesis consumer: JSON lines. */
  KAFKA("kafka");

  private final String folder;

  FeedKind(String folder) {
    this.folder = folder;
  }

  /** The folder under {@code cubic/}, e.g. {@code ods_qlik}. */
  public String folder() {
    return folder;
  }

  /** The registry's name of the kind: ods, dmap or kafka. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind landing in {@code folder}, if any. */
  public static Optional<FeedKind> fromFolder(String folder) {
    return Arrays.stream(values()).filter(k -> k.folder.equals(folder)).findFirst();
  }

  /** The kind labelled {@code label} (ods, dmap, kafka). */
  public static FeedKind fromLabel(String label) {
    return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not a feed kind, expected ods, dmap or kafka"));
  }
}
