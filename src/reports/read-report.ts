import { presentConsultation } from "../consultations/present.js";
import { loadConsultations } from "../consultations/read-consultation.js";
import type { Tx } from "../db/connect.js";
import { todayInStockholm } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import { presentCitations } from "../meetings/present.js";
import { loadParagraphRows } from "../meetings/read-paragraphs.js";
import { routeView } from "../meetings/read-route.js";
import { mayReadSecret, type SecretAccess } from "../register/access.js";
import { imagesOf, presentReport, type ReportRows } from "./present.js";
import {
  findImage,
  findLatestSigning,
  findReportHead,
  findTemplate,
  listBasis,
  listImageData,
  listImages,
  listRecipients,
  listReportsOfCase,
  listResponsible,
  listVersions,
} from "./queries.js";

/** The official reports of a case (its page lists them). */
export function reportsOfCase(tx: Tx, municipalityId: string, caseId: string) {
  return listReportsOfCase(tx, municipalityId, caseId);
}

/**
 * Everything one version of an official report shows, in a fixed number of statements however many sections, basis
 * entries, recipients, consultations and consultees it has (one per kind of row, plus the route's reads).
 * Not found when there is no such report or version, or when its case is secret to this reader.
 */
export async function loadReport(
  tx: Tx,
  municipalityId: string,
  reportId: string,
  access: SecretAccess,
  versionNumber?: number,
): Promise<ReportRows> {
  const head = await findReportHead(tx, municipalityId, reportId);
  if (!head) throw new NotFoundError("report");
  // A secret case's report is read only by those who may read the case (OSL 5 kap. 2 §): its text is the case.
  if (head.caseSecrecy !== null && !mayReadSecret(access, head.caseResponsibleBodyId))
    throw new NotFoundError("report");
  const versions = await listVersions(tx, reportId);
  const version = versionNumber ? versions.find((v) => v.version === versionNumber) : versions.at(-1);
  if (!version) throw new NotFoundError("report");
  const template = (await findTemplate(tx, municipalityId, head.report.templateId))!.sections;
  const basis = await listBasis(tx, version.id);
  const recipients = await listRecipients(tx, version.id);
  const responsible = await listResponsible(tx, version.id);
  const latestSigning = (await findLatestSigning(tx, version.id)) ?? null;
  const pendingSigning = latestSigning?.status === "pending" ? latestSigning : null;
  const failedSigning = latestSigning?.status === "failed" ? latestSigning : null;
  const images = await listImages(tx, reportId);
  const route = await routeView(tx, municipalityId, head.report.caseId, access);
  const consultations = (await loadConsultations(tx, municipalityId, { caseId: head.report.caseId })).map(
    (loaded) => {
      const c = presentConsultation(loaded, access, todayInStockholm());
      return { respondents: c.respondents, questions: c.questions.map((q) => q.text) };
    },
  );
  const cite = basis.flatMap((b) => (b.paragraphId ? [b.paragraphId] : []));
  const citations = presentCitations(cite, await loadParagraphRows(tx, municipalityId, [], { cite }), access);
  return {
    head,
    versions,
    version,
    template,
    basis,
    recipients,
    responsible,
    pendingSigning,
    failedSigning,
    images,
    route,
    consultations,
    citations,
  };
}

/** One version of an official report (the latest when none is named) as this reader may see it. */
export async function readReport(
  tx: Tx,
  municipalityId: string,
  reportId: string,
  access: SecretAccess,
  versionNumber?: number,
) {
  return presentReport(await loadReport(tx, municipalityId, reportId, access, versionNumber), access);
}

/** A version of a report for its documents: the presented report and the bytes of the images it shows. */
export async function readReportDocument(
  tx: Tx,
  municipalityId: string,
  reportId: string,
  access: SecretAccess,
  versionNumber?: number,
) {
  const view = await readReport(tx, municipalityId, reportId, access, versionNumber);
  const shown = imagesOf(view.sections).map((i) => i.sha256);
  const rows = await listImageData(tx, reportId, [...new Set(shown)]);
  return { view, images: new Map(rows.map((r) => [r.sha256, r.data])) };
}

/** One image of a report, to serve: only to a reader who may read the report. Not found otherwise. */
export async function readReportImage(
  tx: Tx,
  municipalityId: string,
  reportId: string,
  imageId: string,
  access: SecretAccess,
) {
  const head = await findReportHead(tx, municipalityId, reportId);
  if (!head) throw new NotFoundError("report");
  if (head.caseSecrecy !== null && !mayReadSecret(access, head.caseResponsibleBodyId))
    throw new NotFoundError("report");
  const image = await findImage(tx, reportId, imageId);
  if (!image) throw new NotFoundError("report");
  return image;
}
