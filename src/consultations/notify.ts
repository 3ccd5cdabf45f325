import { eq } from "drizzle-orm";
import { inTransaction } from "../db/transaction.js";
import type { Job, JobContext, JobHandlers } from "../jobs/run-jobs.js";
import { deliverOnce } from "../mail/deliver.js";
import type { Mailer } from "../mail/mailer.js";
import { type ConsultationOverview, type ConsulteeView, consultationOverview } from "./queries.js";
import { notifyJobKind, remindJobKind } from "./send-consultation.js";
import { consultationReminder, consultee } from "./tables.js";

function questionList(o: ConsultationOverview): string {
  if (o.questions.length === 0) return "";
  return `\nFrågor att besvara:\n${o.questions.map((q) => `${q.position}. ${q.text}`).join("\n")}\n`;
}

/** The consultation letter to one consultee. The case's public title only: secret material never goes out. */
export function consultationLetter(o: ConsultationOverview, to: ConsulteeView) {
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
export function reminderLetter(o: ConsultationOverview, to: ConsulteeView, today: string) {
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

function stockholmDay(d: Date): string {
  return d.toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}

/** The job handlers that mail consultation letters and reminders. */
export function consultationJobHandlers(mailer: Mailer): JobHandlers {
  return {
    async [notifyJobKind](job: Job, ctx: JobContext) {
      const consulteeId = String(job.payload.consulteeId);
      const loaded = await inTransaction(ctx.db, async (tx) => {
        const [row] = await tx.select().from(consultee).where(eq(consultee.id, consulteeId));
        if (!row || row.municipalityId !== job.municipalityId) return null;
        return consultationOverview(tx, job.municipalityId, row.consultationId);
      });
      const to = loaded?.consultees.find((c) => c.id === consulteeId);
      if (!loaded || !to?.contactEmail) return;
      await deliverOnce(ctx.db, mailer, job, { to: to.contactEmail, ...consultationLetter(loaded, to) });
    },
    async [remindJobKind](job: Job, ctx: JobContext) {
      const reminderId = String(job.payload.reminderId);
      const loaded = await inTransaction(ctx.db, async (tx) => {
        const [row] = await tx
          .select()
          .from(consultationReminder)
          .where(eq(consultationReminder.id, reminderId));
        return row ? consultationOverview(tx, job.municipalityId, row.consultationId) : null;
      });
      // A consultation's reminder goes only to those who have neither answered nor declined when it runs.
      if (!loaded) return;
      const day = stockholmDay(ctx.now);
      for (const to of loaded.consultees) {
        if (!(to.state === "sent" || to.state === "overdue") || !to.contactEmail) continue;
        await deliverOnce(ctx.db, mailer, job, { to: to.contactEmail, ...reminderLetter(loaded, to, day) });
      }
    },
  };
}
