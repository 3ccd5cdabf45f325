// The outbox job kinds of reserves and follow-up.

export const reportReminderJobKind = "follow_up.remind";
export const importJobKind = "reserves.import";

/** Days before a report is due that its reminder goes out. */
export const reminderLeadDays = 14;
