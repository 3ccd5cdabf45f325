import type { Tx } from "../db/connect.js";
import { bodyDecisionCode } from "../domain/citation.js";
import { todayInStockholm } from "../domain/clock.js";
import { paragraphPath } from "../meetings/present.js";
import { findParagraphContexts } from "../meetings/queries.js";
import { listNotices, listUpcomingMeetingNotices } from "./queries.js";

// The notice board (anslagstavla, M10): the notices of approval now up, the archive of those taken down, and the
// council's meeting notices (L1). A notice names the body, the meeting and the dates, never a case's title, so a
// secret case cannot show through it.

type NoticeRow = Awaited<ReturnType<typeof listNotices>>[number];

function presentNotice(r: NoticeRow) {
  const paragraph = r.paragraphNumber !== null && r.paragraphYear !== null;
  return {
    id: r.notice.id,
    bodyName: r.body.name,
    meetingDate: r.meeting.heldOn,
    scope: paragraph ? `§ ${r.paragraphNumber} (omedelbart justerad)` : "Protokoll",
    path: paragraph
      ? paragraphPath(r.body.slug, r.paragraphYear!, r.paragraphNumber!)
      : `/sammantraden/${r.meeting.id}/protokoll`,
    approvedOn: r.notice.approvedOn,
    postedOn: r.notice.postedOn,
    appealEndsOn: r.notice.appealEndsOn,
    takeDownOn: r.notice.takeDownOn,
    takenDown: r.notice.takenDownAt !== null,
    minutesKeptAt: r.notice.minutesKeptAt,
    hash: r.version.contentHash,
    updated: r.notice.createdAt.toISOString(),
  };
}
export type NoticeView = ReturnType<typeof presentNotice>;

/** The board now: notices of approval up, and the council's meeting notices for meetings to come. */
export async function noticeBoard(tx: Tx, municipalityId: string, now: Date = new Date()) {
  const today = todayInStockholm(now);
  const notices = (await listNotices(tx, municipalityId, "board")).filter((n) => n.notice.postedOn <= today);
  const meetings = await listUpcomingMeetingNotices(tx, municipalityId, today);
  return {
    notices: notices.map(presentNotice),
    meetings: meetings.map((m) => ({
      id: m.id,
      bodyName: m.bodyName,
      heldOn: m.heldOn,
      startsAt: m.startsAt,
      place: m.place,
      postedOn: m.noticePublishedOn!,
      path: `/sammantraden/${m.id}`,
    })),
  };
}
export type NoticeBoard = Awaited<ReturnType<typeof noticeBoard>>;

/** The notices taken down, latest first. */
export async function noticeArchive(tx: Tx, municipalityId: string) {
  return (await listNotices(tx, municipalityId, "archive")).map(presentNotice);
}

/** A paragraph as the appeal form names it; null when it does not exist. */
export async function findAppealTarget(tx: Tx, municipalityId: string, paragraphId: string) {
  const [ctx] = await findParagraphContexts(tx, municipalityId, [paragraphId]);
  if (!ctx) return null;
  return {
    paragraphId,
    label: bodyDecisionCode(ctx.body, ctx.meeting.heldOn, ctx.paragraph.number),
    path: paragraphPath(ctx.body.slug, ctx.paragraph.year, ctx.paragraph.number),
  };
}
