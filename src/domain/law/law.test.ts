import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "./dates.js";
import { easterSunday, isClosedDay, midsummerEve, periodEnd, swedishPublicHolidays } from "./legal-time.js";
import {
  appealPeriodEnds,
  approvalDeadline,
  councilNoticeDeadline,
  isCouncilNoticeInTime,
  isQuorate,
  meetingIsPublic,
  noticePostingDeadline,
  quorumThreshold,
} from "./meetings.js";
import { mayReserve, reservationAnnouncedInTime, servesOnItem, writtenInTime } from "./participation.js";

describe("L1 council notice (KL 5 kap. 12 § (check))", () => {
  it("must be on the notice board at least one week before the meeting day", () => {
    expect(councilNoticeDeadline("2026-01-22")).toBe("2026-01-15");
    expect(isCouncilNoticeInTime("2026-01-15", "2026-01-22")).toBe(true);
    expect(isCouncilNoticeInTime("2026-01-16", "2026-01-22")).toBe(false);
  });
});

describe("L2 quorum (KL 5 kap. 46 § (check), 6 kap. 27 §)", () => {
  it("needs more than half: 101 seats, 50 present → no quorum; 51 → quorum", () => {
    expect(isQuorate(101, 50)).toBe(false);
    expect(isQuorate(101, 51)).toBe(true);
    expect(quorumThreshold(101)).toBe(51);
  });
  it("needs more than half for an even number of seats too: 61 → 31, 60 → 31", () => {
    expect(isQuorate(60, 30)).toBe(false);
    expect(isQuorate(60, 31)).toBe(true);
    expect(quorumThreshold(61)).toBe(31);
  });
  it("agrees with its threshold for every seat count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), (seats, present) => {
        expect(isQuorate(seats, present)).toBe(present >= quorumThreshold(seats));
      }),
    );
  });
});

describe("L3 open meetings (KL 5 kap. 38 § (check), 6 kap. 25 §)", () => {
  it("council meetings are public; a committee's only when allowed", () => {
    expect(meetingIsPublic("council", false)).toBe(true);
    expect(meetingIsPublic("committee", false)).toBe(false);
    expect(meetingIsPublic("committee", true)).toBe(true);
  });
});

describe("L4 disqualification (KL 5 kap. 47–48 §§, 6 kap. 28–32 §§ (check))", () => {
  it("a disqualified member does not serve on the item; the substitute for it does", () => {
    expect(servesOnItem({ present: true, disqualified: true, substituteForItem: false })).toBe(false);
    expect(servesOnItem({ present: false, disqualified: false, substituteForItem: true })).toBe(true);
    expect(servesOnItem({ present: true, disqualified: false, substituteForItem: false })).toBe(true);
  });
});

describe("L8–L9 reservations and statements (KL 4 kap. 27 § (check); local practice)", () => {
  it("only a member who took part may reserve; an abstainer did not take part", () => {
    expect(mayReserve({ served: true, abstained: false })).toBe(true);
    expect(mayReserve({ served: true, abstained: true })).toBe(false);
    expect(mayReserve({ served: false, abstained: false })).toBe(false);
  });
  it("a reservation is announced before the meeting closes", () => {
    const closed = new Date("2026-01-22T21:00:00+01:00");
    expect(reservationAnnouncedInTime(new Date("2026-01-22T20:59:00+01:00"), closed)).toBe(true);
    expect(reservationAnnouncedInTime(new Date("2026-01-22T21:01:00+01:00"), closed)).toBe(false);
    expect(reservationAnnouncedInTime(new Date("2026-01-22T23:00:00+01:00"), null)).toBe(true);
  });
  it("the written justification comes before the time set for approving the minutes", () => {
    const approval = new Date("2026-01-29T10:00:00+01:00");
    expect(writtenInTime(new Date("2026-01-28T12:00:00+01:00"), approval)).toBe(true);
    expect(writtenInTime(new Date("2026-01-29T10:30:00+01:00"), approval)).toBe(false);
  });
});

describe("L15 legal time (Lag (1930:173) om beräkning av lagstadgad tid)", () => {
  it("computes Easter and midsummer per year", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2038)).toBe("2038-04-25");
    expect(midsummerEve(2026)).toBe("2026-06-19");
    expect(midsummerEve(2025)).toBe("2025-06-20");
  });
  it("knows Sweden's public holidays of 2026", () => {
    const days = swedishPublicHolidays(2026).map((h) => h.day);
    expect(days).toEqual([
      "2026-01-01",
      "2026-01-06",
      "2026-04-03",
      "2026-04-05",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-24",
      "2026-06-06",
      "2026-06-20",
      "2026-10-31",
      "2026-12-25",
      "2026-12-26",
    ]);
  });
  it("posted Friday 2026-05-29 → three weeks is midsummer eve → the period ends Monday 2026-06-22", () => {
    expect(appealPeriodEnds("2026-05-29")).toBe("2026-06-22");
  });
  it("posted 2026-12-03 → three weeks is Christmas eve → moves to Monday 2026-12-28", () => {
    expect(appealPeriodEnds("2026-12-03")).toBe("2026-12-28");
  });
  it("New Year's eve and Easter move the end too", () => {
    expect(periodEnd("2025-12-31")).toBe("2026-01-02");
    expect(periodEnd("2026-04-03")).toBe("2026-04-07");
  });
  it("never ends on a closed day, and never moves an open one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), (offset) => {
        const day = addDays("2020-01-01", offset);
        const end = periodEnd(day);
        expect(isClosedDay(end)).toBe(false);
        expect(end >= day).toBe(true);
        if (!isClosedDay(day)) expect(end).toBe(day);
      }),
    );
  });
});

describe("L11, L13, L14 deadlines (KL 5 kap. 69 § (check), 8 kap. 12 § (check), 13 kap. 5 §)", () => {
  it("approved Thursday 2026-01-29 → notice posted by Saturday 2026-01-31 (calendar days)", () => {
    expect(noticePostingDeadline("2026-01-29")).toBe("2026-01-31");
  });
  it("posted Friday 2026-01-30 → appeal period ends Friday 2026-02-20", () => {
    expect(appealPeriodEnds("2026-01-30")).toBe("2026-02-20");
  });
  it("minutes of 2026-01-22 are approved by 2026-02-05", () => {
    expect(approvalDeadline("2026-01-22")).toBe("2026-02-05");
    // 2026-12-10 + 14 = Christmas eve → Monday 2026-12-28.
    expect(approvalDeadline("2026-12-10")).toBe("2026-12-28");
  });
});

describe("L10 what the minutes show (KL 5 kap. 66 § (check))", () => {
  it("names the attendance and every paragraph without a decision", async () => {
    const { minutesGaps } = await import("./minutes.js");
    expect(
      minutesGaps({
        attendanceRecorded: false,
        paragraphs: [
          { number: 8, decided: true, motions: 1 },
          { number: 9, decided: false, motions: 0 },
        ],
      }),
    ).toEqual(["Närvaron är inte protokollförd.", "§ 9 saknar beslut."]);
    expect(
      minutesGaps({ attendanceRecorded: true, paragraphs: [{ number: 8, decided: true, motions: 0 }] }),
    ).toEqual([]);
  });
});
