// Every table Paragraf's query layer knows, gathered from the capability folders.
export * from "../accounts/tables.js";
export * from "../approval/tables.js";
export * from "../areas/tables.js";
export * from "../assignments/tables.js";
export * from "../audit/tables.js";
export * from "../consultations/tables.js";
export * from "../dispatch/tables.js";
export * from "../documents/tables.js";
export * from "../jobs/tables.js";
export * from "../meetings/tables.js";
export * from "../organisation/tables.js";
export * from "../portal/tables.js";
export * from "../register/tables.js";
export * from "../reports/tables.js";
export * from "../reserves/tables.js";
