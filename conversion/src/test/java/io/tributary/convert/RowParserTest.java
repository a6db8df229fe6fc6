package io.tributary.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.core.convert.DatasetSchema;
import io.tributary.core.convert.S3dbColumnType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Values parse exactly as the JDK parses them; what is not a value gets a reason. */
@Tag("fast")
class RowParserTest {
  private static final DatasetSchema SCHEMA = new DatasetSchema(List.of("t", "x", "flag", "name"),
      List.of(S3dbColumnType.INT, S3dbColumnType.FLOAT, S3dbColumnType.BOOL, S3dbColumnType.STR), 0);

  @Test
  void floatsMatchTheJdkBitForBit() throws Exception {
    Random random = new Random(42);
    StringBuilder csv = new StringBuilder("t,x,flag,name\n");
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String value = switch (i % 5) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(20) - 10));
        case 1 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000) + "." + random.nextInt(1000);
        case 2 -> Long.toString(random.nextLong() % 10_000_000_000_000L) + "." + Math.abs(random.nextLong() % 1_000_000_000L);
        case 3 -> String.format("%.3e", random.nextGaussian() * 1e6);
        default -> "0.000" + random.nextInt(100_000_000);
      };
      values.add(value);
      csv.append(i).append(',').append(value).append(",true,n\n");
    }
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    reader.next();
    RowParser parser = RowParser.forHeader(SCHEMA, reader);
    TypedRow row = new TypedRow(SCHEMA);
    for (String value : values) {
      reader.next();
      assertNull(parser.parse(reader, row), value);
      assertEquals(Double.doubleToLongBits(Double.parseDouble(value)), Double.doubleToLongBits(row.doubles[1]), value);
    }
  }

  @Test
  void specialValuesAndWhatIsNotAValue() throws Exception {
    String csv = String.join("\n", "name,flag,x,t",
        "a,TRUE,NaN,1", "b,f,-inf,2", "c,1,Infinity,3", "d,0,1e3,4", "e,false,,5",
        "f,true,1.5d,6", "g,yes,1,7", "h,true,0x10,8", "i,true,1,9.5", "j,true,1,9.0", "k,true,1,-");
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    reader.next();
    RowParser parser = RowParser.forHeader(SCHEMA, reader);
    TypedRow row = new TypedRow(SCHEMA);
    List<Object> results = new java.util.ArrayList<>();
    while (reader.next()) {
      String problem = parser.parse(reader, row);
      results.add(problem != null ? problem : row.nulls[1] ? "null" : row.doubles[1] + "/" + row.longs[2] + "/" + row.longs[0]);
    }
    assertEquals(List.of("NaN/1/1", "-Infinity/0/2", "Infinity/1/3", "1000.0/0/4", "null",
        "x: '1.5d' is not a number (float)", "flag: 'yes' is not true or false (bool)", "x: '0x10' is not a number (float)",
        "t: '9.5' is not a whole number (int)", "1.0/1/9", "t: '-' is not a whole number (int)"), results);
  }

  @Test
  void textThatIsNotUtf8IsNotAValue() throws Exception {
    java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
    csv.writeBytes("t,x,flag,name\n1,1,true,caf\u00e9 \ud83d\ude00\n2,1,true,bad".getBytes(StandardCharsets.UTF_8));
    csv.write(0xFF); // never valid in UTF-8
    csv.writeBytes("\n3,1,true,over".getBytes(StandardCharsets.UTF_8));
    csv.write(0xC0); // an overlong encoding of '/'
    csv.write(0xAF);
    csv.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(csv.toByteArray()));
    reader.next();
    RowParser parser = RowParser.forHeader(SCHEMA, reader);
    TypedRow row = new TypedRow(SCHEMA);
    List<String> results = new java.util.ArrayList<>();
    while (reader.next()) {
      results.add(String.valueOf(parser.parse(reader, row)));
    }
    assertEquals(List.of("null", "name: not valid UTF-8 text (byte 0xFF at offset 3)",
        "name: not valid UTF-8 text (byte 0xC0 at offset 4)"), results);
  }
}
