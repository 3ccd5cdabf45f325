import type { Tx } from "../db/connect.js";
import type { ParagraphContext, ParagraphRows } from "./present.js";
import {
  findParagraphContexts,
  findPartiesByIds,
  findPersonsByIds,
  findRecordsWithOwner,
  listAttachments,
  listBallots,
  listBasisOfItems,
  listDecisionPointsOfParagraphs,
  listDisqualifications,
  listMotionPersons,
  listMotionsOfParagraphs,
  listQuestions,
  listRecipientsOfParagraphs,
  listReservations,
  listSecretTextReviews,
  listStatementParties,
  listStatementPersons,
  listStatements,
  listVotesOfParagraphs,
} from "./queries.js";
import { listCandidates } from "./vote-queries.js";

const unique = (ids: readonly (string | null | undefined)[]): string[] => [
  ...new Set(ids.filter((x): x is string => !!x)),
];

/**
 * Loads what the views of `paragraphs` show, for all of them at once: one query per kind of row, however many
 * paragraphs, motions, votes or basis entries there are (issue 9). `cite` names further paragraphs the caller shows
 * a reference to (a decision route's paragraphs, agenda proposals); `personIds` further persons it names.
 */
export async function loadParagraphRows(
  tx: Tx,
  municipalityId: string,
  paragraphs: readonly ParagraphContext[],
  more: { cite?: readonly (string | null)[]; personIds?: readonly (string | null)[] } = {},
): Promise<ParagraphRows> {
  const paragraphIds = paragraphs.map((c) => c.paragraph.id);
  const itemIds = paragraphs.map((c) => c.item.id);
  const basis = await listBasisOfItems(tx, itemIds);
  const own = new Set(paragraphIds);
  const cited = await findParagraphContexts(
    tx,
    municipalityId,
    unique([
      ...paragraphs.map((c) => c.item.proposedByParagraphId),
      ...basis.map((e) => e.paragraphId),
      ...(more.cite ?? []),
    ]).filter((id) => !own.has(id)),
  );
  // A reference to a paragraph names the reservations and special statements it carries, so theirs come along.
  const carrying = [...paragraphIds, ...cited.map((c) => c.paragraph.id)];
  const reservations = await listReservations(tx, carrying);
  const statements = await listStatements(tx, carrying);
  const statementIds = statements.map((s) => s.id);
  const statementParties = await listStatementParties(tx, statementIds);
  const statementPersons = await listStatementPersons(
    tx,
    statements.filter((s) => own.has(s.paragraphId)).map((s) => s.id),
  );
  const motions = await listMotionsOfParagraphs(tx, paragraphIds);
  const motionPersons = await listMotionPersons(
    tx,
    motions.map((x) => x.id),
  );
  const votes = await listVotesOfParagraphs(tx, paragraphIds);
  const ballots = await listBallots(
    tx,
    votes.map((v) => v.id),
  );
  const candidates = await listCandidates(
    tx,
    votes.map((v) => v.id),
  );
  const questions = await listQuestions(tx, paragraphIds);
  const disqualifications = await listDisqualifications(tx, itemIds);
  const recipients = await listRecipientsOfParagraphs(tx, paragraphIds);
  const records = await findRecordsWithOwner(tx, municipalityId, unique(basis.map((e) => e.recordId)));
  const decisionPoints = await listDecisionPointsOfParagraphs(tx, paragraphIds);
  const attachments = await listAttachments(tx, unique(paragraphs.map((c) => c.meeting.id)));
  const persons = await findPersonsByIds(
    tx,
    municipalityId,
    unique([
      ...motionPersons.map((x) => x.personId),
      ...ballots.map((x) => x.personId),
      ...candidates.map((x) => x.personId),
      ...reservations.filter((r) => own.has(r.paragraphId)).map((r) => r.personId),
      ...statementPersons.map((x) => x.personId),
      ...disqualifications.flatMap((d) => [d.personId, d.substitutePersonId]),
      ...(more.personIds ?? []),
    ]),
  );
  const parties = await findPartiesByIds(
    tx,
    municipalityId,
    unique([...reservations.map((r) => r.partyId), ...statementParties.map((x) => x.partyId)]),
  );
  // Only a secret case's free text waits for a review (L31): no query when none of the paragraphs is on one.
  const reviews = await listSecretTextReviews(
    tx,
    paragraphs.filter((c) => c.case.secrecyProvision !== null).map((c) => c.paragraph.id),
  );
  return {
    reviews,
    cited,
    motions,
    motionPersons,
    votes,
    ballots,
    candidates,
    questions,
    reservations,
    statements,
    statementParties,
    statementPersons,
    disqualifications,
    recipients,
    basis,
    records,
    decisionPoints,
    attachments,
    persons,
    parties,
  };
}
