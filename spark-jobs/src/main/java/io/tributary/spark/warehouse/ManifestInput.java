package io.tributary.spark.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.kind.warehouse.InputFormat;
import io.tributary.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest input ({@code <schema>_<table>_<timestamp>.manifest}) resolved to the parts it lists, as Redshift's
 * {@code COPY ... MANIFEST} reads it: {@code {"entries": [{"url": "s3://...", "mandatory": true}, ...]}}. A missing
 * mandatory part fails the input; a missing optional one is left out. The parts must share one format, told by
 * their names; a part on {@code s3://} is read through the store's scheme (S3A on EMR).
 * https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html
 */
final class ManifestInput {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestInput() {}

  /** {@code input} with its manifest's parts as its files, or {@code input} itself if it is no manifest. */
  static WarehouseInput resolve(FileStore store, WarehouseInput input) throws IOException {
    if (input.format() != InputFormat.MANIFEST) {
      return input;
    }
    String manifest = input.files().get(0);
    JsonNode root;
    try (InputStream in = store.open(manifest)) {
      root = MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IOException(manifest + ": not a manifest (" + e.getOriginalMessage() + ")", e);
    }
    if (!root.path("entries").isArray() || root.path("entries").isEmpty()) {
      throw new IOException(manifest + ": a manifest lists its parts as {\"entries\": [{\"url\": ...}, ...]}");
    }
    String scheme = manifest.substring(0, manifest.indexOf(':'));
    List<String> parts = new ArrayList<>();
    Set<InputFormat> formats = new LinkedHashSet<>();
    int index = 0;
    for (JsonNode entry : root.get("entries")) {
      String where = manifest + ": entries[" + index++ + "]";
      String url = entry.path("url").asText("");
      if (url.isEmpty()) {
        throw new IOException(where + ": no url");
      }
      String part = url.startsWith("s3://") && scheme.equals("s3a") ? "s3a://" + url.substring("s3://".length()) : url;
      Optional<InputFormat> format = InputFormat.of(part).filter(f -> f != InputFormat.MANIFEST);
      if (format.isEmpty()) {
        throw new IOException(where + ": " + url + " is not a part this load reads (.json.gz, .json, .csv.gz, .parquet)");
      }
      if (!store.exists(part)) {
        if (entry.path("mandatory").asBoolean(false)) {
          throw new IOException(where + ": mandatory part " + url + " does not exist");
        }
        continue;
      }
      formats.add(format.get());
      parts.add(part);
    }
    if (formats.size() > 1) {
      throw new IOException(manifest + ": its parts are of several formats " + formats + "; one input has one");
    }
    if (parts.isEmpty()) {
      throw new IOException(manifest + ": none of its parts exists");
    }
    return new WarehouseInput(input.name(), input.timestamp(), parts, formats.iterator().next(), input.configUri());
  }
}
