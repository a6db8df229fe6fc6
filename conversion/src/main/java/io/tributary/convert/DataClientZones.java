package io.tributary.convert;

import io.tributary.core.convert.DatasetId;
import java.util.List;
import java.util.Map;

/**
 * The time zone DataClient.jl gives an S3DB dataset: from its own table of collections ({@code TIMEZONES} and
 * {@code get_tz} in src/DataClient.jl), not from the dataset's tags, so a user reading our dataclient output and the
 * S3DB source through DataClient gets the same times. A {@code datasoup} dataset named {@code <grid>_...} takes its
 * grid's zone; everything else is UTC.
 */
final class DataClientZones {
  static final Map<String, String> BY_COLLECTION = Map.of(
      "caiso", "America/Los_Angeles",
      "ercot", "America/Chicago",
      "pjm", "America/New_York",
      "iso_ne", "America/New_York",
      "miso", "EST",
      "nyiso", "America/New_York",
      "spp", "America/Chicago");

  private DataClientZones() {}

  /** The zone of {@code dataset}, a tz database name. */
  static String of(DatasetId dataset) {
    String collection = dataset.collection();
    if (collection.equals("datasoup")) {
      List<String> grids = BY_COLLECTION.keySet().stream().filter(dataset.dataset()::startsWith).toList();
      if (grids.size() == 1) {
        collection = grids.get(0);
      }
    }
    return BY_COLLECTION.getOrDefault(collection + "-" + dataset.dataset(), BY_COLLECTION.getOrDefault(collection, "UTC"));
  }
}
