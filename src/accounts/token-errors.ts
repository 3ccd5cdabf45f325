import { defineErrors } from "../http/errors.js";

// What an integration is told when its API key does not hold, in Swedish.
defineErrors({
  token_invalid: {
    status: 401,
    text: () => "API-nyckeln är okänd eller återkallad. Be kommunens administratör om en ny nyckel.",
  },
  token_expired: {
    status: 401,
    text: (d) => `API-nyckeln ${d.name} gick ut ${d.day}. Be kommunens administratör om en ny nyckel.`,
  },
  token_malformed: {
    status: 401,
    text: () => "Ange API-nyckeln som Authorization: Bearer <nyckel>.",
  },
  token_admin_for_body: {
    status: 400,
    text: () => "En nyckel som gäller ett organ kan inte ha rollen administratör. Välj en annan roll.",
  },
  token_expiry_past: { status: 400, text: () => "Sista giltighetsdagen måste vara i dag eller senare." },
  token_already_revoked: { status: 409, text: () => "Nyckeln är redan återkallad." },
});
