import type { FC } from "hono/jsx";
import { Csrf, FieldInput, Form } from "../http/forms.js";
import { addMotion } from "./add-motion.js";
import { motionKindLabel } from "./phrases.js";
import { putQuestion } from "./put-question.js";
import type { SecretaryParagraph, SecretaryTarget } from "./read-secretary-desk.js";
import { recordDecision } from "./record-decision.js";
import { recordVote } from "./record-vote.js";
import type { DeskForms } from "./secretary-actions.js";
import { deskPath } from "./secretary-present.js";
import { DecisionForm, ElectionForm, MotionForm, QuestionForm, VoteForm } from "./secretary-schemas.js";
import { motionKinds } from "./tables.js";

// The proceedings on a paragraph: motions, votes, the chair's questions and the decision.

type Section = FC<{ desk: SecretaryParagraph; csrf: string }>;

export const MotionSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="yrkande">Yrkande</h2>
    <Form
      action={`${desk.path}/yrkande`}
      csrfToken={csrf}
      fields={[
        {
          name: "kind",
          label: "Slag",
          type: "select",
          required: true,
          options: motionKinds.map((k) => ({ value: k, label: motionKindLabel[k] })),
        },
        {
          name: "text",
          label: "Yrkandets text",
          type: "textarea",
          hint: "Krävs för ändrings- och tilläggsyrkanden.",
        },
        { name: "moverIds", label: "Yrkar", type: "checkboxes", options: desk.servingOptions },
        { name: "supporterIds", label: "Instämmer", type: "checkboxes", options: desk.servingOptions },
      ]}
      submitLabel="Protokollför yrkandet"
    />
  </>
);

// Better with JavaScript: the vote form counts the ballots as they are entered. Without it the form works the same.
export const voteScript = `document.querySelectorAll("form[data-vote]").forEach(function (form) {
  var out = form.querySelector("[data-tally]");
  var serving = Number(form.getAttribute("data-vote"));
  function tally() {
    var n = { yes: 0, no: 0, abstain: 0 };
    form.querySelectorAll("input[type=radio]:checked").forEach(function (r) { if (n[r.value] !== undefined) n[r.value]++; });
    var cast = n.yes + n.no + n.abstain;
    out.textContent = cast === 0 ? "" : "Hittills " + n.yes + " ja, " + n.no + " nej, " + n.abstain + " avstår; " + (serving - cast) + " av " + serving + " tjänstgörande har inte röstat.";
  }
  form.addEventListener("change", tally);
  tally();
});`;

const choices = [
  ["yes", "ja"],
  ["no", "nej"],
  ["abstain", "avstår"],
  ["", "röstar inte"],
] as const;

/** A vote on a question: the two motions, who voted how or only the counts, and the chair's casting vote on a tie. */
export const VoteSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="omrostning">Omröstning</h2>
    <form
      method="post"
      action={`${desk.path}/omrostning`}
      novalidate
      data-vote={String(desk.serving.length + desk.unnamed)}
    >
      <Csrf token={csrf} />
      <FieldInput
        field={{
          name: "yesMotionId",
          label: "Ja betyder bifall till",
          type: "select",
          required: true,
          options: desk.motionOptions,
        }}
      />
      <FieldInput
        field={{
          name: "noMotionId",
          label: "Nej betyder bifall till",
          type: "select",
          required: true,
          hint: "Omröstningen avgör propositionen mellan de två yrkandena; en proposition avgörs genom en omröstning.",
          options: desk.motionOptions,
        }}
      />
      <table>
        <caption>Varje ledamots röst (lämna tomt om ni anger antalen nedan)</caption>
        <thead>
          <tr>
            <th scope="col">Ledamot</th>
            <th scope="col">Ja</th>
            <th scope="col">Nej</th>
            <th scope="col">Avstår</th>
            <th scope="col">Röstar inte</th>
          </tr>
        </thead>
        <tbody>
          {desk.serving.map((p) => (
            <tr>
              <th scope="row">{p.label}</th>
              {choices.map(([choice, word]) => (
                <td>
                  <input
                    type="radio"
                    name={`ballot-${p.id}`}
                    value={choice}
                    checked={choice === ""}
                    aria-label={`${p.name}: ${word}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>Eller antalen</legend>
        <FieldInput field={{ name: "yes", label: "Ja", type: "number" }} />
        <FieldInput field={{ name: "no", label: "Nej", type: "number" }} />
        <FieldInput field={{ name: "abstain", label: "Avstår", type: "number" }} />
        <FieldInput field={{ name: "absent", label: "Röstar inte", type: "number" }} />
      </fieldset>
      <FieldInput
        field={{
          name: "castingVote",
          label: "Ordförandens utslagsröst vid lika röstetal",
          type: "select",
          hint: "Anges bara när endast antalen anges. Är varje ledamots röst angiven är utslagsrösten ordförandens egen röst ovan (KL 5 kap. 54 §).",
          options: [
            { value: "yes", label: "Ja" },
            { value: "no", label: "Nej" },
          ],
        }}
      />
      <p>
        <output data-tally aria-live="polite" />
      </p>
      <button type="submit">Protokollför omröstningen</button>
    </form>
    <script src="/static/meetings.js" defer />
  </>
);

/**
 * An election (majority): the candidates among the persons at the meeting with their votes, the seats, and on a tie
 * for the last places who the lots drawn at the meeting fell on. Paragraf never draws lots itself.
 */
export const ElectionSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="val">Val</h2>
    <form method="post" action={`${desk.path}/val`} novalidate>
      <Csrf token={csrf} />
      <FieldInput
        field={{ name: "seats", label: "Antal platser", type: "number", required: true }}
        value={1}
      />
      <table>
        <caption>
          Kandidater: ange rösterna för var och en som kan väljas och lämna tomt för den som inte är kandidat.
          Vid lika röster om de sista platserna avgör lotten, som dras vid sammanträdet: kryssa för vem den
          föll på.
        </caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Röster</th>
            <th scope="col">Lotten föll på</th>
          </tr>
        </thead>
        <tbody>
          {desk.candidates.map((p) => (
            <tr>
              <th scope="row">{p.label}</th>
              <td>
                <input type="number" name={`votes-${p.id}`} min="0" aria-label={`${p.name}: röster`} />
              </td>
              <td>
                <input
                  type="checkbox"
                  name="lotWinnerIds"
                  value={p.id}
                  aria-label={`Lotten föll på ${p.name}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {desk.candidates.length === 0 ? <p class="muted">Ingen närvaro är antecknad än.</p> : null}
      <fieldset>
        <legend>Som inte röstade på någon kandidat</legend>
        <FieldInput field={{ name: "abstain", id: "f-election-abstain", label: "Avstår", type: "number" }} />
        <FieldInput
          field={{ name: "absent", id: "f-election-absent", label: "Deltar inte", type: "number" }}
        />
      </fieldset>
      <FieldInput
        field={{
          name: "secret",
          label: "Sluten omröstning",
          type: "checkbox",
          hint: "Bara vid val, om en ledamot begär det (KL 5 kap. 52 §).",
        }}
      />
      <button type="submit">Protokollför valet</button>
    </form>
  </>
);

export const QuestionSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="proposition">Proposition</h2>
    <Form
      action={`${desk.path}/proposition`}
      csrfToken={csrf}
      fields={[
        {
          name: "motionId",
          label: "Ordföranden ställer proposition på",
          type: "select",
          required: true,
          options: desk.motionOptions,
        },
        { name: "againstMotionId", label: "Mot", type: "select", options: desk.motionOptions },
        { name: "winnerMotionId", label: "Bifallet", type: "select", options: desk.motionOptions },
        {
          name: "voteEventId",
          label: "Eller avgjort i omröstning",
          type: "select",
          options: desk.voteOptions,
        },
      ]}
      submitLabel="Protokollför propositionen"
    />
  </>
);

export const DecisionSection: Section = ({ desk, csrf }) => (
  <>
    <h2 id="beslut">Beslut</h2>
    <Form
      action={`${desk.path}/beslut`}
      csrfToken={csrf}
      fields={[
        {
          name: "points",
          label: "Beslutspunkter",
          type: "textarea",
          hint: "En beslutspunkt per rad; de numreras i ordning.",
        },
      ]}
      submitLabel="Protokollför beslutet"
    />
  </>
);

/** The forms about the proceedings, each coming back to its own part of the page. */
export function registerProceedingForms(paragraph: DeskForms<SecretaryTarget>) {
  const paragraphId = (_: unknown, at: SecretaryTarget) => ({ paragraphId: at.paragraph.id });
  const back = (anchor: string) => (_: unknown, at: SecretaryTarget) =>
    `${deskPath(at.meeting.id, at.paragraph.id)}#${anchor}`;
  paragraph.post("/yrkande", {
    schema: MotionForm,
    input: paragraphId,
    run: (tx, actor, input) => addMotion(tx, actor, input),
    back: back("yrkande"),
  });
  paragraph.post("/omrostning", {
    schema: VoteForm,
    input: paragraphId,
    run: (tx, actor, input) => recordVote(tx, actor, input),
    back: back("omrostning"),
  });
  paragraph.post("/val", {
    schema: ElectionForm,
    input: paragraphId,
    run: (tx, actor, input) => recordVote(tx, actor, input),
    back: back("val"),
  });
  paragraph.post("/proposition", {
    schema: QuestionForm,
    input: paragraphId,
    run: (tx, actor, input) => putQuestion(tx, actor, input),
    back: back("proposition"),
  });
  paragraph.post("/beslut", {
    schema: DecisionForm,
    input: paragraphId,
    run: (tx, actor, input) => recordDecision(tx, actor, input),
    back: back("beslut"),
  });
}
