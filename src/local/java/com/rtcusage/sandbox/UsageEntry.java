package com.rtcusage.sandbox;

import java.time.LocalDate;

/** One element of {@code Result.Usages}: a Beijing day and its figures as reported. */
record UsageEntry(LocalDate day, DailyFigures figures) {
}
