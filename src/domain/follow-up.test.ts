import { describe, expect, it } from "vitest";
import {
  calendarPeriod,
  calendarRuleProblem,
  type FollowUpCalendar,
  reportingPeriods,
  standardCalendar,
} from "./follow-up.js";

const malmo: FollowUpCalendar = {
  interim: { endsMonth: 8, endsDay: 31, dueMonth: 9, dueDay: 15, dueNextYear: false },
  annual: { endsMonth: 12, endsDay: 31, dueMonth: 2, dueDay: 15, dueNextYear: true },
};

describe("the follow-up calendar", () => {
  it("gives the common cycle's periods and due days", () => {
    expect(calendarPeriod(standardCalendar, 2026, "interim")).toEqual({
      year: 2026,
      period: "interim",
      startsOn: "2026-01-01",
      endsOn: "2026-08-31",
      dueOn: "2026-09-30",
    });
    expect(calendarPeriod(standardCalendar, 2026, "annual").dueOn).toBe("2027-01-31");
  });

  it("gives a municipality's own days, and moves 29 February to the 28th in a common year", () => {
    expect(reportingPeriods(malmo, "2026-03-01", "2027-06-30").map((p) => `${p.period} ${p.dueOn}`)).toEqual([
      "interim 2026-09-15",
      "annual 2027-02-15",
      "interim 2027-09-15",
      "annual 2028-02-15",
    ]);
    const leap = { ...malmo, annual: { ...malmo.annual, dueMonth: 2, dueDay: 29 } };
    expect(calendarPeriod(leap, 2026, "annual").dueOn).toBe("2027-02-28");
    expect(calendarPeriod(leap, 2027, "annual").dueOn).toBe("2028-02-29");
  });

  it("refuses a day that does not exist, an annual period short of the year, and a report due before its period ends", () => {
    expect(calendarRuleProblem("interim", { ...malmo.interim, endsMonth: 6, endsDay: 31 })).toContain(
      "inte finns",
    );
    expect(calendarRuleProblem("annual", { ...malmo.annual, endsMonth: 11, endsDay: 30 })).toContain(
      "hela året",
    );
    expect(calendarRuleProblem("interim", { ...malmo.interim, dueMonth: 8, dueDay: 31 })).toContain("innan");
    expect(calendarRuleProblem("interim", malmo.interim)).toBeNull();
    expect(calendarRuleProblem("annual", malmo.annual)).toBeNull();
  });
});
