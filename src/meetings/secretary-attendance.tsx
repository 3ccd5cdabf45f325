import type { FC } from "hono/jsx";
import { Form } from "../http/forms.js";
import { capacityLabel } from "./phrases.js";
import type { SecretaryDesk, SecretaryMeeting } from "./read-secretary-desk.js";
import { recordAttendance } from "./record-attendance.js";
import { recordAttendanceCount } from "./record-attendance-count.js";
import type { DeskForms } from "./secretary-actions.js";
import { deskPath } from "./secretary-present.js";
import { AttendanceCountForm, AttendanceForm } from "./secretary-schemas.js";
import { capacities } from "./tables.js";

// Who is present, in what capacity, and whether the meeting can decide (quorum).

export const AttendanceSection: FC<{ desk: SecretaryDesk; csrf: string }> = ({ desk, csrf }) => {
  const v = desk.view;
  return (
    <>
      <h2 id="narvaro">Närvaro</h2>
      <p>
        {v.seats === null
          ? "Antalet platser är inte känt."
          : `${v.quorate ? "Beslutfört" : "Inte beslutfört"}: ${v.serving} av ${v.seats} platser, minst ${v.needed} krävs.`}
      </p>
      {v.attendance.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Namn</th>
              <th scope="col">Egenskap</th>
            </tr>
          </thead>
          <tbody>
            {v.attendance.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td>{r.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form
        action={`${desk.path}/narvaro`}
        csrfToken={csrf}
        fields={[
          { name: "personId", label: "Person", type: "select", required: true, options: desk.personOptions },
          {
            name: "capacity",
            label: "Egenskap",
            type: "select",
            required: true,
            options: capacities.map((x) => ({ value: x, label: capacityLabel[x] })),
          },
          {
            name: "replacesPersonId",
            label: "Ersätter (för tjänstgörande ersättare)",
            type: "select",
            options: desk.personOptions,
          },
          { name: "presides", label: "Ordförande", type: "checkbox" },
        ]}
        submitLabel="Lägg till i närvarolistan"
      />
      <Form
        action={`${desk.path}/antal`}
        csrfToken={csrf}
        fields={[
          {
            name: "countedPresent",
            label: "Antal tjänstgörande ledamöter enligt upprop",
            type: "number",
            hint: "När protokollet anger ett antal i stället för varje namn.",
          },
        ]}
        submitLabel="Spara antalet"
      />
    </>
  );
};

export function registerAttendanceForms(desk: DeskForms<SecretaryMeeting>) {
  const back = (_: unknown, m: SecretaryMeeting) => `${deskPath(m.id)}#narvaro`;
  desk.post("/narvaro", {
    schema: AttendanceForm,
    run: (tx, actor, input, m) => recordAttendance(tx, actor, m.id, input),
    back,
  });
  desk.post("/antal", {
    schema: AttendanceCountForm,
    run: (tx, actor, input, m) => recordAttendanceCount(tx, actor, m.id, input),
    back,
  });
}
