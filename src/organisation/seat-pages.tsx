import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { read, requireMunicipality } from "../http/pages.js";
import { addMembership, updateMembership } from "./memberships.js";
import { addOfficial } from "./officials.js";
import { bodyTrail, type C, loadBody, membershipFields, officialFields } from "./page-parts.js";
import { readPersons } from "./read-persons.js";
import { readMembership } from "./read-seats.js";
import { MembershipInput, OfficialInput } from "./schemas.js";

/** The seats in a body: adding a member or substitute, adding an official, ending a membership. */
export function registerSeatPages(app: OpenAPIHono<AppEnv>) {
  const bodyAndPersons = async (c: C) => {
    const b = await loadBody(c);
    return { b, persons: await read(c, (tx) => readPersons(tx, requireMunicipality(c).id)) };
  };
  formRoute(app, "/organ/:slug/ledamoter/ny", {
    load: bodyAndPersons,
    title: ({ b }) => `Ny ledamot i ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Ny ledamot"),
    fields: ({ persons }) => membershipFields(persons),
    schema: MembershipInput.omit({ bodyId: true }),
    run: (tx, actor, input, { b }) => addMembership(tx, actor, { ...input, bodyId: b.id }),
    redirect: (_created, { b }) => `/organ/${b.slug}`,
    submitLabel: "Lägg till",
  });
  formRoute(app, "/organ/:slug/tjanstepersoner/ny", {
    load: bodyAndPersons,
    title: ({ b }) => `Ny tjänsteperson vid ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Ny tjänsteperson"),
    fields: ({ persons }) => officialFields(persons),
    schema: OfficialInput.omit({ bodyId: true }),
    run: (tx, actor, input, { b }) => addOfficial(tx, actor, { ...input, bodyId: b.id }),
    redirect: (_created, { b }) => `/organ/${b.slug}`,
    submitLabel: "Lägg till",
  });
  formRoute(app, "/organ/:slug/ledamoter/:id/avsluta", {
    load: async (c) => {
      const b = await loadBody(c);
      const m = requireMunicipality(c);
      const seat = await read(c, (tx) => readMembership(tx, m.id, c.req.param("id") ?? "", b.id));
      return { b, seat };
    },
    title: ({ b }) => `Avsluta uppdrag i ${b.name}`,
    trail: ({ b }) => bodyTrail(b, "Avsluta uppdrag"),
    fields: () => [{ name: "endsOn", label: "Sista dag i uppdraget", type: "date", required: true }],
    schema: z.object({ endsOn: z.iso.date({ error: "Ange sista dagen som ÅÅÅÅ-MM-DD." }) }),
    run: (tx, actor, input, { seat }) => updateMembership(tx, actor, seat.id, { endsOn: input.endsOn }),
    redirect: (_updated, { b }) => `/organ/${b.slug}`,
    submitLabel: "Avsluta uppdraget",
  });
}
