package io.tributary.core.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WindowRotationTest {
  static final LoadWindow NOV_4 =
      new LoadWindow(WindowTime.parse("2018-11-04 00:00:00"), WindowTime.parse("2018-11-05 00:00:00"));

  @Test
  void nextWindowStartsAtStopWithSameLength() {
    assertEquals(
        new LoadWindow(WindowTime.parse("2018-11-05 00:00:00"), WindowTime.parse("2018-11-06 00:00:00")),
        NOV_4.next());
  }

  @Test
  void closedWindowIsDueAndOpenWindowIsNot() {
    assertEquals(List.of(NOV_4), DueWindows.of(NOV_4, NOV_4.stop(), 10));
    assertEquals(List.of(), DueWindows.of(NOV_4, NOV_4.stop().minusNanos(1000), 10));
  }

  @Test
  void windowStartingInTheFutureIsNeverDue() {
    assertEquals(List.of(), DueWindows.of(NOV_4, NOV_4.start().minusSeconds(1), 10));
  }

  @Test
  void fallenBehindScheduleCatchesUpInOrder() {
    Instant now = WindowTime.parse("2018-11-07 12:00:00");

    List<LoadWindow> due = DueWindows.of(NOV_4, now, 10);

    assertEquals(List.of(NOV_4, NOV_4.next(), NOV_4.next().next()), due);
  }

  @Test
  void catchUpStopsAtTheMaximumPerRun() {
    Instant now = WindowTime.parse("2019-11-04 00:00:00");

    List<LoadWindow> due = DueWindows.of(NOV_4, now, 2);

    assertEquals(List.of(NOV_4, NOV_4.next()), due);
    assertThrows(IllegalArgumentException.class, () -> DueWindows.of(NOV_4, now, 0));
  }

  @Test
  void windowMustStartBeforeItStops() {
    Instant t = NOV_4.start();
    assertThrows(IllegalArgumentException.class, () -> new LoadWindow(t, t));
    assertTrue(NOV_4.contains(NOV_4.start()));
    assertTrue(!NOV_4.contains(NOV_4.stop()));
  }

  @Test
  void dailyWindowsOwnADateDirectoryAndShorterOnesATimeDirectoryBelowIt() {
    assertEquals("load_date=2018-11-04", RawZoneLayout.windowPartition(NOV_4));
    LoadWindow twoDays = new LoadWindow(NOV_4.start(), NOV_4.start().plus(Duration.ofDays(2)));
    assertEquals("load_date=2018-11-04", RawZoneLayout.windowPartition(twoDays));
    LoadWindow sixHours =
        new LoadWindow(WindowTime.parse("2018-11-04 06:00:00"), WindowTime.parse("2018-11-04 12:00:00"));
    assertEquals("load_date=2018-11-04/load_time=060000", RawZoneLayout.windowPartition(sixHours));
  }

  @Test
  void windowTimesRoundTripToTheMicrosecond() {
    Instant t = WindowTime.parse("2018-11-04 06:07:08.123456");
    assertEquals("2018-11-04 06:07:08.123456", WindowTime.format(t));
    assertEquals(WindowTime.parse("2018-11-04T06:07:08.123456Z"), t);
  }

  @Test
  void backfillWindowsTileTheRangeBeforeTheLiveWindow() {
    LoadWindow live = new LoadWindow(WindowTime.parse("2018-11-10 00:00:00"), WindowTime.parse("2018-11-11 00:00:00"));

    List<LoadWindow> windows = BackfillWindows.of(live, WindowTime.parse("2018-11-01 00:00:00"),
        WindowTime.parse("2018-11-03 12:00:00"));

    assertEquals(List.of(NOV_4.start().minus(Duration.ofDays(3)), NOV_4.start().minus(Duration.ofDays(2))),
        windows.stream().map(LoadWindow::start).toList());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BackfillWindows.of(live,
        WindowTime.parse("2018-11-09 00:00:00"), WindowTime.parse("2018-11-11 00:00:00"))).getMessage()
        .contains("past the job's live window"));
    assertThrows(IllegalArgumentException.class, () -> BackfillWindows.of(live, NOV_4.stop(), NOV_4.start()));
  }
}
