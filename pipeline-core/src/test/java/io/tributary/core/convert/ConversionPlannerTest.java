package io.tributary.core.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.window.LoadWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Units are whole output partitions: a changed day rewrites its whole month or year, each once. */
@Tag("fast")
class ConversionPlannerTest {
  static final DatasetId PRICES = new DatasetId("caiso", "prices");

  static Instant day(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  static final List<Instant> DAYS = List.of(day("2019-12-31"), day("2020-01-01"), day("2020-01-02"),
      day("2020-02-29"), day("2020-03-01"));

  @Test
  void aMonthUnitHoldsEveryDayOfItsMonth() {
    List<ConversionUnit> units = new ConversionPlanner(PartitionSize.MONTH).forRange(PRICES, DAYS, Optional.empty());

    assertEquals(List.of(day("2019-12-01"), day("2020-01-01"), day("2020-02-01"), day("2020-03-01")),
        units.stream().map(ConversionUnit::start).toList());
    assertEquals(List.of(day("2020-01-01"), day("2020-01-02")), units.get(1).days());
    assertEquals(List.of(day("2020-01-01")), units.get(1).partitions());
  }

  @Test
  void aRangeSelectsThePartitionsItMeetsWhole() {
    LoadWindow january2nd = new LoadWindow(day("2020-01-02"), day("2020-01-03"));

    List<ConversionUnit> units = new ConversionPlanner(PartitionSize.YEAR).forRange(PRICES, DAYS, Optional.of(january2nd));

    assertEquals(1, units.size());
    assertEquals(List.of(day("2020-01-01"), day("2020-01-02"), day("2020-02-29"), day("2020-03-01")), units.get(0).days());
  }

  @Test
  void changedDaysInOneMonthRewriteThatMonthOnce() {
    List<ConversionUnit> units = new ConversionPlanner(PartitionSize.MONTH)
        .forChanges(PRICES, DAYS, List.of(day("2020-01-01"), day("2020-01-02")));

    assertEquals(1, units.size());
    assertEquals(day("2020-01-01"), units.get(0).start());
  }

  @Test
  void anHourUnitIsOneDayFileAndItsTwentyFourHours() {
    List<ConversionUnit> units = new ConversionPlanner(PartitionSize.HOUR)
        .forChanges(PRICES, DAYS, List.of(day("2020-02-29")));

    assertEquals(1, units.size());
    assertEquals(List.of(day("2020-02-29")), units.get(0).days());
    assertEquals(24, units.get(0).partitions().size());
    assertEquals("day-" + day("2020-02-29").getEpochSecond(), units.get(0).key(PartitionSize.HOUR));
  }
}
