import { defineErrors } from "../http/errors.js";

// The installation's refusals about municipalities, in Swedish.
defineErrors({
  host_taken: { status: 409, text: (d) => `Värdnamnet ${d.host} används redan av ${d.name}.` },
});
