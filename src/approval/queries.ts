import { and, asc, desc, eq, isNull, lte, sql } from "drizzle-orm";
import { appUser } from "../accounts/tables.js";
import { anyOf } from "../db/any-of.js";
import type { Tx } from "../db/connect.js";
import { agendaItem, meeting, paragraph } from "../meetings/tables.js";
import { body, person } from "../organisation/tables.js";
import { registerCase } from "../register/tables.js";
import { appeal, approvalArrangement, approver, minutesVersion, notice, signature } from "./tables.js";

// Small reads and writes of approval's own tables, each scoped to a municipality; no rules here.

export function findArrangement(tx: Tx, meetingId: string) {
  return tx.query.approvalArrangement.findFirst({ where: eq(approvalArrangement.meetingId, meetingId) });
}

/** The appointed approvers of a meeting, in order, with their names. */
export function listApprovers(tx: Tx, meetingIds: string[]) {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      meetingId: approver.meetingId,
      personId: approver.personId,
      position: approver.position,
      name: person.name,
    })
    .from(approver)
    .innerJoin(person, eq(person.id, approver.personId))
    .where(anyOf(approver.meetingId, meetingIds))
    .orderBy(asc(approver.position));
}

export function listVersions(tx: Tx, municipalityId: string, meetingId: string) {
  return tx
    .select()
    .from(minutesVersion)
    .where(and(eq(minutesVersion.municipalityId, municipalityId), eq(minutesVersion.meetingId, meetingId)))
    .orderBy(asc(minutesVersion.createdAt), asc(minutesVersion.number));
}

export async function lockVersion(tx: Tx, municipalityId: string, id: string) {
  const [row] = await tx
    .select()
    .from(minutesVersion)
    .where(and(eq(minutesVersion.municipalityId, municipalityId), eq(minutesVersion.id, id)))
    .for("update");
  return row;
}

export function findVersion(tx: Tx, municipalityId: string, id: string) {
  return tx.query.minutesVersion.findFirst({
    where: and(eq(minutesVersion.municipalityId, municipalityId), eq(minutesVersion.id, id)),
  });
}

/** The versions of one scope (the whole minutes, or one paragraph), newest first. */
export function listVersionsOfScope(tx: Tx, meetingId: string, paragraphId: string | null) {
  return tx
    .select()
    .from(minutesVersion)
    .where(
      and(
        eq(minutesVersion.meetingId, meetingId),
        paragraphId ? eq(minutesVersion.paragraphId, paragraphId) : isNull(minutesVersion.paragraphId),
      ),
    )
    .orderBy(desc(minutesVersion.number));
}

export function listSignatures(tx: Tx, versionIds: string[]) {
  if (versionIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(signature)
    .where(anyOf(signature.versionId, versionIds))
    .orderBy(asc(signature.startedAt), asc(signature.role));
}

export async function lockSignature(tx: Tx, id: string) {
  const [row] = await tx.select().from(signature).where(eq(signature.id, id)).for("update");
  return row;
}

/** The person an account is: linked by person_id, or else the person of the municipality with its e-mail. */
export async function findPersonOfUser(tx: Tx, municipalityId: string, userId: string) {
  const [row] = await tx
    .select({ personId: person.id, name: person.name, displayName: appUser.displayName })
    .from(appUser)
    .leftJoin(
      person,
      and(
        eq(person.municipalityId, municipalityId),
        sql`(${person.id} = ${appUser.personId} or (${appUser.personId} is null and lower(${person.email}) = lower(${appUser.email})))`,
      ),
    )
    .where(and(eq(appUser.id, userId), eq(appUser.municipalityId, municipalityId)))
    .limit(1);
  return row;
}

export function findNoticeOfVersion(tx: Tx, versionId: string) {
  return tx.query.notice.findFirst({ where: eq(notice.versionId, versionId) });
}

const noticeColumns = {
  notice,
  version: {
    id: minutesVersion.id,
    number: minutesVersion.number,
    contentHash: minutesVersion.contentHash,
    paragraphId: minutesVersion.paragraphId,
  },
  meeting: { id: meeting.id, heldOn: meeting.heldOn },
  body: { id: body.id, name: body.name, slug: body.slug, shortName: body.shortName },
  paragraphNumber: paragraph.number,
  paragraphYear: paragraph.year,
};

function selectNotices(tx: Tx) {
  return tx
    .select(noticeColumns)
    .from(notice)
    .innerJoin(minutesVersion, eq(minutesVersion.id, notice.versionId))
    .innerJoin(meeting, eq(meeting.id, minutesVersion.meetingId))
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .leftJoin(paragraph, eq(paragraph.id, minutesVersion.paragraphId))
    .$dynamic();
}

/** Notices on the board (not taken down) or in its archive (taken down), latest posting first. */
export function listNotices(tx: Tx, municipalityId: string, which: "board" | "archive" | "all", limit = 200) {
  const where = and(
    eq(notice.municipalityId, municipalityId),
    which === "board"
      ? isNull(notice.takenDownAt)
      : which === "archive"
        ? sql`${notice.takenDownAt} is not null`
        : undefined,
  );
  return selectNotices(tx).where(where).orderBy(desc(notice.postedOn), desc(notice.createdAt)).limit(limit);
}

/** The council's meeting notices (L1) for meetings not yet held, with the day they were posted. */
export function listUpcomingMeetingNotices(tx: Tx, municipalityId: string, today: string) {
  return tx
    .select({
      id: meeting.id,
      heldOn: meeting.heldOn,
      startsAt: meeting.startsAt,
      place: meeting.place,
      noticePublishedOn: meeting.noticePublishedOn,
      bodyName: body.name,
      bodyKind: body.kind,
    })
    .from(meeting)
    .innerJoin(body, eq(body.id, meeting.bodyId))
    .where(
      and(
        eq(meeting.municipalityId, municipalityId),
        sql`${meeting.noticePublishedOn} is not null`,
        lte(meeting.noticePublishedOn, today),
        sql`${meeting.heldOn} >= ${today}`,
        eq(body.kind, "council"),
      ),
    )
    .orderBy(asc(meeting.heldOn));
}

/** Takes down the notices whose day to come down has come (L13); returns those it took down. */
export function takeDownDue(tx: Tx, today: string, now: Date, noticeId?: string) {
  return tx
    .update(notice)
    .set({ takenDownAt: now })
    .where(
      and(
        isNull(notice.takenDownAt),
        lte(notice.takeDownOn, today),
        noticeId ? eq(notice.id, noticeId) : undefined,
      ),
    )
    .returning();
}

/** The approved (or later corrected) versions covering a set of paragraphs, with their notices, oldest first. */
export function listApprovalsOfParagraphs(tx: Tx, municipalityId: string, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ paragraphId: paragraph.id, version: minutesVersion, notice })
    .from(paragraph)
    .innerJoin(
      minutesVersion,
      and(
        eq(minutesVersion.meetingId, paragraph.meetingId),
        sql`(${minutesVersion.paragraphId} is null or ${minutesVersion.paragraphId} = ${paragraph.id})`,
        sql`${minutesVersion.status} in ('approved', 'corrected')`,
      ),
    )
    .leftJoin(notice, eq(notice.versionId, minutesVersion.id))
    .where(and(eq(paragraph.municipalityId, municipalityId), anyOf(paragraph.id, paragraphIds)))
    .orderBy(asc(minutesVersion.approvedAt));
}

export function listAppeals(tx: Tx, paragraphIds: string[]) {
  if (paragraphIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(appeal)
    .where(anyOf(appeal.paragraphId, paragraphIds))
    .orderBy(asc(appeal.receivedOn));
}

/** The hash of the approved version covering a paragraph found by its public reference: one statement, for 304s. */
export async function approvedHashOfParagraph(
  tx: Tx,
  municipalityId: string,
  ref: { bodySlug: string; year: number; number: number },
) {
  const [row] = await tx
    .select({
      paragraphId: paragraph.id,
      hash: minutesVersion.contentHash,
      // What the page shows besides the signed content: the end of the appeal period and the appeals recorded.
      appealEndsOn: sql<
        string | null
      >`(select min(n.appeal_ends_on)::text from notice n join minutes_version w on w.id = n.version_id where w.meeting_id = ${paragraph.meetingId} and (w.paragraph_id is null or w.paragraph_id = ${paragraph.id}))`,
      appeals: sql<number>`(select count(*)::int from appeal a where a.paragraph_id = ${paragraph.id})`,
      // And the free text on a secret case that a review has let the public read since (L31).
      reviews: sql<number>`(select count(*)::int from secret_text_review r where r.paragraph_id = ${paragraph.id})`,
    })
    .from(paragraph)
    .innerJoin(body, eq(body.id, paragraph.bodyId))
    .innerJoin(
      minutesVersion,
      and(
        eq(minutesVersion.meetingId, paragraph.meetingId),
        eq(minutesVersion.status, "approved"),
        sql`(${minutesVersion.paragraphId} is null or ${minutesVersion.paragraphId} = ${paragraph.id})`,
      ),
    )
    .where(
      and(
        eq(paragraph.municipalityId, municipalityId),
        eq(body.slug, ref.bodySlug),
        eq(paragraph.year, ref.year),
        eq(paragraph.number, ref.number),
      ),
    )
    // The whole minutes' approval (null paragraph) before a paragraph's own: it is the later and fuller one.
    .orderBy(sql`${minutesVersion.paragraphId} is null desc`)
    .limit(1);
  return row;
}

/** The hash of a meeting's approved whole minutes, for 304s. */
export async function approvedHashOfMeeting(tx: Tx, municipalityId: string, meetingId: string) {
  const [row] = await tx
    .select({
      hash: minutesVersion.contentHash,
      // What the page shows besides the signed content: free text on secret cases reviewed since (L31).
      reviews: sql<number>`(select count(*)::int from secret_text_review r join paragraph p on p.id = r.paragraph_id where p.meeting_id = ${minutesVersion.meetingId})`,
    })
    .from(minutesVersion)
    .where(
      and(
        eq(minutesVersion.municipalityId, municipalityId),
        eq(minutesVersion.meetingId, meetingId),
        isNull(minutesVersion.paragraphId),
        eq(minutesVersion.status, "approved"),
      ),
    );
  return row;
}

/** The approved version covering a meeting's whole minutes, or one paragraph of it (approved at once or whole). */
export async function approvedHashOfScope(
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphId: string | null,
) {
  const [row] = await tx
    .select({ hash: minutesVersion.contentHash })
    .from(minutesVersion)
    .where(
      and(
        eq(minutesVersion.municipalityId, municipalityId),
        eq(minutesVersion.meetingId, meetingId),
        eq(minutesVersion.status, "approved"),
        paragraphId
          ? sql`(${minutesVersion.paragraphId} is null or ${minutesVersion.paragraphId} = ${paragraphId})`
          : isNull(minutesVersion.paragraphId),
      ),
    )
    .orderBy(sql`${minutesVersion.paragraphId} nulls first`)
    .limit(1);
  return row;
}

/** A paragraph with its meeting and case, for recording an appeal. */
export async function findParagraphWithCase(tx: Tx, municipalityId: string, paragraphId: string) {
  const [row] = await tx
    .select({
      paragraph,
      meeting,
      caseId: registerCase.id,
      responsibleBodyId: registerCase.responsibleBodyId,
    })
    .from(paragraph)
    .innerJoin(meeting, eq(meeting.id, paragraph.meetingId))
    .innerJoin(agendaItem, eq(agendaItem.id, paragraph.agendaItemId))
    .innerJoin(registerCase, eq(registerCase.id, agendaItem.caseId))
    .where(and(eq(paragraph.municipalityId, municipalityId), eq(paragraph.id, paragraphId)));
  return row;
}
