import { defineErrors } from "../http/errors.js";

defineErrors({
  area_name_taken: { status: 409, text: (d) => `Det finns redan ett område som heter ${d.name}.` },
});
