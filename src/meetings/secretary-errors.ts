import { defineErrors } from "../http/errors.js";

// What the secretary's pages answer when the address does not hold together: a paragraph, an item or a written
// text that belongs to another meeting or paragraph than the one in the address is not found there.
defineErrors({
  paragraph_not_in_meeting: { status: 404, text: () => "Paragrafen finns inte i det här sammanträdet." },
  item_not_in_meeting: {
    status: 404,
    text: () => "Ärendet finns inte på det här sammanträdets föredragningslista.",
  },
  written_not_in_paragraph: {
    status: 404,
    text: (d) => `${d.kind === "reservation" ? "Reservationen" : "Yttrandet"} hör inte till paragrafen.`,
  },
});
