import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { stockholmDay } from "../domain/clock.js";
import type { Job, JobContext, JobHandlers } from "../jobs/run-jobs.js";
import { deliverOnce } from "../mail/deliver.js";
import type { Mailer } from "../mail/mailer.js";
import type { SecretAccess } from "../register/access.js";
import { notifyJobKind, remindJobKind } from "./job-kinds.js";
import { type ConsultationView, type ConsulteeView, presentConsultation } from "./present.js";
import { findConsultee, findReminder } from "./queries.js";
import { loadConsultation } from "./read-consultation.js";

// A letter leaves the municipality: it is written as the public register shows the consultation, never with
// secret material (OSL 5 kap. 2 §), whoever queued it.
const publicReader: SecretAccess = { all: false, bodyIds: [] };

/** The consultation as a letter may show it, and each consultee's contact address (never part of a view). */
async function letterMaterial(tx: Tx, now: Date, municipalityId: string, consultationId: string) {
  const loaded = await loadConsultation(tx, municipalityId, consultationId);
  if (!loaded) return null;
  return {
    view: presentConsultation(loaded, publicReader, stockholmDay(now)),
    addresses: new Map(loaded.consultees.map((r) => [r.c.id, r.c.contactEmail])),
  };
}

function questionList(o: ConsultationView): string {
  if (o.questions.length === 0) return "";
  return `\nFrågor att besvara:\n${o.questions.map((q) => `${q.position}. ${q.text}`).join("\n")}\n`;
}

/** The consultation letter to one consultee. The case's public title only: secret material never goes out. */
export function consultationLetter(o: ConsultationView, to: ConsulteeView) {
  return {
    subject: `Remiss: ${o.title} (${o.caseNumber}), svar senast ${o.deadline}`,
    text: [
      `Till ${to.name}`,
      "",
      `${o.decidedByName} beslutade ${o.decidedOn} (${o.decisionCode}) att skicka ärendet på remiss.`,
      "",
      `Ärende: ${o.caseNumber} ${o.caseTitle}`,
      `Remissen har handlingsnummer ${to.outgoingRecordNumber ?? ""} i vårt diarium.`,
      `Sista svarsdag: ${o.deadline}`,
      "",
      o.coverText,
      questionList(o),
      `Ange diarienummer ${o.caseNumber} i ert svar.`,
    ].join("\n"),
  };
}

/** A reminder: before the deadline it asks for the answer, after it says the answer is overdue. */
export function reminderLetter(o: ConsultationView, to: ConsulteeView, today: string) {
  const late = today > o.deadline;
  return {
    subject: late
      ? `Påminnelse: svaret på remissen ${o.title} (${o.caseNumber}) är försenat`
      : `Påminnelse: remissen ${o.title} (${o.caseNumber}), svar senast ${o.deadline}`,
    text: [
      `Till ${to.name}`,
      "",
      late
        ? `Sista svarsdag för remissen var ${o.deadline} och vi har ännu inte fått ert svar. Skicka det så snart ni kan, eller meddela om ni avstår.`
        : `Detta är en påminnelse om remissen nedan. Sista svarsdag är ${o.deadline}.`,
      "",
      `Ärende: ${o.caseNumber} ${o.caseTitle}`,
      `Remissen har handlingsnummer ${to.outgoingRecordNumber ?? ""} i vårt diarium.`,
      questionList(o),
      `Ange diarienummer ${o.caseNumber} i ert svar.`,
    ].join("\n"),
  };
}

/** The job handlers that mail consultation letters and reminders. */
export function consultationJobHandlers(mailer: Mailer): JobHandlers {
  return {
    async [notifyJobKind](job: Job, ctx: JobContext) {
      const consulteeId = String(job.payload.consulteeId);
      const loaded = await inTransaction(ctx.db, async (tx) => {
        const row = await findConsultee(tx, consulteeId);
        if (!row || row.municipalityId !== job.municipalityId) return null;
        return letterMaterial(tx, ctx.now, job.municipalityId, row.consultationId);
      });
      const to = loaded?.view.consultees.find((c) => c.id === consulteeId);
      const address = loaded?.addresses.get(consulteeId);
      if (!loaded || !to || !address) return;
      await deliverOnce(ctx.db, mailer, job, { to: address, ...consultationLetter(loaded.view, to) });
    },
    async [remindJobKind](job: Job, ctx: JobContext) {
      const reminderId = String(job.payload.reminderId);
      const loaded = await inTransaction(ctx.db, async (tx) => {
        const row = await findReminder(tx, reminderId);
        return row ? letterMaterial(tx, ctx.now, job.municipalityId, row.consultationId) : null;
      });
      // A consultation's reminder goes only to those who have neither answered nor declined when it runs.
      if (!loaded) return;
      const day = stockholmDay(ctx.now);
      for (const to of loaded.view.consultees) {
        const address = loaded.addresses.get(to.id);
        if (!(to.state === "sent" || to.state === "overdue") || !address) continue;
        await deliverOnce(ctx.db, mailer, job, { to: address, ...reminderLetter(loaded.view, to, day) });
      }
    },
  };
}
