package io.tributary.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A day-ahead LMP feed shaped like a real ISO's, for the conversion benchmark, in the S3DB layout (one gzip
 * CSV per UTC day and a METADATA.json): node names as ISOs spell them ({@code AMIL.BALDWIN2}: a utility
 * prefix and a site, a few needing CSV quotes), prices in cents as the sum of a system-wide energy price
 * (a random walk over the year's hours with a daily shape), a loss factor per node and a congestion random
 * walk per node, rare missing prices, one release per day, nodes listed in a different order every hour
 * and a few absent from some hours (so no encoder profits from a repeating cycle). Deterministic: a day
 * is a function of its index and the seed, so days can be written in parallel.
 */
final class LmpFeedData {
  static final String HEADER = "release_date,target_start,target_end,node_name,lmp,is_settled";
  static final String METADATA = """
      {"type_map": {"release_date": "int", "target_start": "int", "target_end": "int", "node_name": "str",
        "lmp": "float", "is_settled": "bool"},
       "superkey": ["release_date", "target_start", "target_end", "node_name"],
       "value_key": ["lmp", "is_settled"],
       "tags": {"iso": "MISO", "market": "day-ahead", "product": "lmp", "unit": "USD/MWh",
        "time_zone": "America/Indianapolis", "source": "bench"}}
      """;
  /** Bytes of a typical CSV line, to size the node count for a target volume. */
  static final int TYPICAL_LINE_BYTES = 52;

  private static final String[] PREFIXES = {"AECI", "ALTE", "ALTW", "AMIL", "AMMO", "BREC", "CIN", "CLEC",
      "CONS", "CWLD", "CWLP", "DECO", "DPC", "EAI", "EES", "GRE", "HE", "IPL", "LAFA", "LAGN", "LEPA", "MDU",
      "MEC", "MGE", "MHEB", "MP", "NIPS", "NSP", "OTP", "SIGE", "SMP", "SPA", "UPPC", "WEC", "WPS", "OVEC",
      "SME", "BLKW", "DUK", "TVA"};
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final long DAY = 86_400;

  private final Path dataset;
  private final Instant firstDay;
  private final long seed;
  private final String[] names;
  private final double[] lossFactors;
  private final double[] congestionScale;
  /** The system energy price of every hour of the period, in dollars. */
  private final double[] energy;

  LmpFeedData(Path dataset, Instant firstDay, int days, int nodes, long seed) {
    this.dataset = dataset;
    this.firstDay = firstDay;
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    names = new String[nodes];
    lossFactors = new double[nodes];
    congestionScale = new double[nodes];
    Set<String> taken = new HashSet<>();
    for (int n = 0; n < nodes; n++) {
      String name;
      do {
        name = nodeName(random);
      } while (!taken.add(name));
      names[n] = name;
      lossFactors[n] = random.nextDouble(-0.04, 0.06);
      // Most nodes see little congestion; a few sit behind constraints.
      congestionScale[n] = random.nextInt(10) == 0 ? random.nextDouble(0.5, 3.0) : random.nextDouble(0.0, 0.3);
    }
    energy = new double[days * 24];
    double level = 28;
    for (int h = 0; h < energy.length; h++) {
      level = Math.max(5, level + random.nextDouble(-1.5, 1.5) + (28 - level) * 0.01);
      int hourOfDay = h % 24;
      double shape = hourOfDay >= 12 && hourOfDay <= 23 ? 8 * Math.sin(Math.PI * (hourOfDay - 12) / 11) : -3;
      energy[h] = level + shape;
    }
  }

  private static String nodeName(SplittableRandom random) {
    StringBuilder name = new StringBuilder(PREFIXES[random.nextInt(PREFIXES.length)]).append('.');
    int letters = 3 + random.nextInt(7);
    for (int i = 0; i < letters; i++) {
      name.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    if (random.nextInt(3) == 0) {
      name.append(1 + random.nextInt(9));
    }
    if (random.nextInt(200) == 0) {
      name.append(", \"AGG\""); // a descriptive name that needs CSV quoting
    }
    return name.toString();
  }

  /** Writes METADATA.json. */
  void writeMetadata() throws IOException {
    Files.createDirectories(dataset);
    Files.writeString(dataset.resolve("METADATA.json"), METADATA);
  }

  /** Writes the file of day {@code d} (0-based from the first day); returns its path. */
  Path writeDay(int d) throws IOException {
    Instant day = firstDay.plusSeconds(DAY * d);
    Path file = dataset.resolve("year=" + day.atZone(ZoneOffset.UTC).getYear()).resolve(day.getEpochSecond() + ".csv.gz");
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(seed * 31 + d);
    long release = day.getEpochSecond() - DAY + 17 * 3600;
    double[] congestion = new double[names.length];
    for (int n = 0; n < names.length; n++) {
      congestion[n] = random.nextDouble(-1, 1) * congestionScale[n];
    }
    List<Integer> order = new ArrayList<>(names.length);
    for (int n = 0; n < names.length; n++) {
      order.add(n);
    }
    StringBuilder line = new StringBuilder(96);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      writer.write(HEADER);
      writer.write('\n');
      for (int hour = 0; hour < 24; hour++) {
        long start = day.getEpochSecond() + hour * 3600L;
        double system = energy[d * 24 + hour];
        shuffle(order, random);
        for (int n : order) {
          congestion[n] += random.nextDouble(-1, 1) * congestionScale[n];
          if (random.nextInt(100) == 0) {
            continue; // the node did not clear this hour
          }
          line.setLength(0);
          line.append(release).append(',').append(start).append(',').append(start + 3600).append(',');
          appendName(line, names[n]);
          line.append(',');
          if (random.nextInt(1000) != 0) {
            appendCents(line, Math.round((system * (1 + lossFactors[n]) + congestion[n]) * 100));
          }
          line.append(',').append(d < 358 || random.nextInt(4) != 0 ? "true" : "false").append('\n');
          writer.append(line);
        }
      }
    }
    return file;
  }

  private static void shuffle(List<Integer> order, SplittableRandom random) {
    for (int i = order.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Integer swap = order.get(i);
      order.set(i, order.get(j));
      order.set(j, swap);
    }
  }

  private static void appendName(StringBuilder line, String name) {
    if (name.indexOf(',') < 0 && name.indexOf('"') < 0) {
      line.append(name);
      return;
    }
    line.append('"').append(name.replace("\"", "\"\"")).append('"');
  }

  private static void appendCents(StringBuilder line, long cents) {
    if (cents < 0) {
      line.append('-');
      cents = -cents;
    }
    line.append(cents / 100).append('.');
    long rest = cents % 100;
    if (rest < 10) {
      line.append('0');
    }
    line.append(rest);
  }
}
