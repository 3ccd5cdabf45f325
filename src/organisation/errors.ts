import { defineErrors } from "../http/errors.js";

// The organisation register's limits and the installation's refusals about municipalities, in Swedish. Imported by the use cases that enforce them.
defineErrors({
  seats_full: {
    status: 409,
    text: (d) =>
      `${d.body} har ${d.seats} ordinarie platser, och ${d.count} ledamöter har redan uppdrag den ${d.day}. Ett organ har aldrig fler ordinarie ledamöter än platser: avsluta ett uppdrag först, eller ändra antalet platser. Ingenting har sparats.`,
  },
  second_chair: {
    status: 409,
    text: (d) =>
      `${d.body} har redan en ordförande under perioden: ${d.person} (från ${d.startsOn}${d.endsOn ? ` till ${d.endsOn}` : ""}). Ett organ har en ordförande åt gången; avsluta det uppdraget först. Ingenting har sparats.`,
  },
  second_council: {
    status: 409,
    text: (d) =>
      `Kommunen har redan ett fullmäktige: ${d.name}. I varje kommun finns ett fullmäktige (KL 3 kap. 3 §). Ingenting har sparats.`,
  },
  seats_below_members: {
    status: 409,
    text: (d) =>
      `${d.body} har ${d.count} ordinarie ledamöter med uppdrag den ${d.day}, så antalet platser kan inte bli ${d.seats}. Avsluta uppdrag först. Ingenting har sparats.`,
  },
  host_taken: { status: 409, text: (d) => `Värdnamnet ${d.host} används redan av ${d.name}.` },
});
