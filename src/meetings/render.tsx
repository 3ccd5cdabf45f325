import type { FC } from "hono/jsx";
import { secretTextWarning } from "../domain/secret-text.js";
import { choiceLabel } from "./phrases.js";
import type { MeetingView, ParagraphView } from "./present.js";

// The minutes, the extract and the public paragraph page share these pieces, so they always agree (L10).

export const Paragraphs: FC<{ text: string }> = ({ text }) => (
  <>
    {text
      .split(/\n\s*\n/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => (
        <p>{part}</p>
      ))}
  </>
);

/** One attachment of the minutes, e.g. Bilaga 12 with the M+C special statement. */
export const AttachmentSection: FC<{ a: ParagraphView["attachments"][number]; level: 2 | 3 }> = ({
  a,
  level,
}) => {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section class="attachment" aria-labelledby={`bilaga-${a.number}`}>
      <H id={`bilaga-${a.number}`}>{`Bilaga ${a.number}`}</H>
      <p>
        <strong>{a.kind}</strong>
      </p>
      <p>
        <strong>{a.heading}</strong>
      </p>
      <Paragraphs text={a.text} />
      <p>{a.footer}</p>
      {a.signatories.length > 0 ? (
        <ul aria-label="Undertecknat av">
          {a.signatories.map((s) => (
            <li>{s}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
};

/** One paragraph as the minutes print it: heading, case, summary, decision, proceedings, statements, recipients, basis. */
/** The warning where a secretary writes free text on a secret case (L31): it stays out of public versions until reviewed. */
export const SecretTextNote: FC = () => (
  <p>
    <strong>Sekretess: </strong>
    {`${secretTextWarning} `}
    <a href="/granskning">Till granskningen</a>
  </p>
);

export const ParagraphSection: FC<{ p: ParagraphView; level: 1 | 2 }> = ({ p, level }) => {
  const H = level === 1 ? "h1" : "h2";
  const Sub = level === 1 ? "h2" : "h3";
  return (
    <article class="paragraph" aria-labelledby={`p-${p.number}`}>
      <H id={`p-${p.number}`}>{`§ ${p.number} ${p.title}`}</H>
      <p>{p.caseNumber}</p>
      {p.summary ? (
        <>
          <Sub>Sammanfattning</Sub>
          <Paragraphs text={p.summary} />
        </>
      ) : null}
      {p.proposalText && !p.proposal ? (
        <>
          <Sub>Förslag till beslut</Sub>
          <Paragraphs text={p.proposalText} />
          {p.proposalReport ? (
            <p>
              <a href={p.proposalReport.path}>{p.proposalReport.label}</a>
            </p>
          ) : null}
        </>
      ) : null}
      <Sub>Beslut</Sub>
      {p.decisionPoints.length > 0 ? (
        <>
          <p>{p.decisionIntro}</p>
          <ol>
            {p.decisionPoints.map((d) => (
              <li value={d.position}>{d.text}</li>
            ))}
          </ol>
        </>
      ) : (
        <p>Inget beslut är protokollfört ännu.</p>
      )}
      {p.proceedings.length > 0 ? (
        <>
          <Sub>Beslutsgång</Sub>
          {p.proceedings.map((line) => (
            <p>{line}</p>
          ))}
          {p.votes
            .filter((v) => v.ballots.length > 0)
            .map((v) => (
              <table>
                <caption>{`Omröstning ${v.position}: ${v.counts.yes} ja, ${v.counts.no} nej, ${v.counts.abstain} avstår`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Ledamot</th>
                    <th scope="col">Röst</th>
                  </tr>
                </thead>
                <tbody>
                  {v.ballots.map((x) => (
                    <tr>
                      <th scope="row">{x.person}</th>
                      <td>{choiceLabel[x.choice]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </>
      ) : null}
      {p.written.length > 0 ? (
        <>
          <Sub>Reservationer och särskilda yttranden</Sub>
          {p.written.map((line) => (
            <p>{line}</p>
          ))}
        </>
      ) : null}
      {p.recipients.length > 0 ? (
        <>
          <Sub>Beslutet skickas till</Sub>
          <ul>
            {p.recipients.map((r) => (
              <li>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.basis.length > 0 ? (
        <>
          <Sub>Beslutsunderlag</Sub>
          <ul>
            {p.basis.map((e) => (
              <li>{e.href ? <a href={e.href}>{e.text}</a> : e.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
};

/** Who attended, and whether the body had quorum (L2, L10). */
export const AttendanceSection: FC<{ v: MeetingView }> = ({ v }) => (
  <section aria-labelledby="narvaro">
    <h2 id="narvaro">Närvarande</h2>
    {v.attendance.length > 0 ? (
      <table>
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Egenskap</th>
            <th scope="col">Närvarande vid</th>
          </tr>
        </thead>
        <tbody>
          {v.attendance.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.role}</td>
              <td>{r.span ?? "hela sammanträdet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : (
      <p>Ingen närvaro är protokollförd med namn.</p>
    )}
    {v.counted !== null ? <p>{`Antal tjänstgörande ledamöter enligt upprop: ${v.counted}.`}</p> : null}
    <p>
      {v.seats === null
        ? "Organets antal platser är inte känt, så beslutförheten kan inte anges."
        : `${v.quorate ? "Beslutfört" : "Inte beslutfört"}: ${v.serving} av ${v.seats} platser är besatta, minst ${v.needed} krävs (KL 5 kap. 46 §, 6 kap. 27 §).`}
    </p>
  </section>
);

/** Links to a document's downloads: PDF/A, Word and HTML at `${base}.pdf` and so on (src/documents renders them). */
export const Downloads: FC<{ label: string; base: string }> = ({ label, base }) => (
  <nav class="downloads" aria-label={label}>
    <p>
      {`${label}: `}
      <a href={`${base}.pdf`} download>
        PDF
      </a>
      {" · "}
      <a href={`${base}.docx`} download>
        Word
      </a>
      {" · "}
      <a href={`${base}.html`} download>
        HTML
      </a>
    </p>
  </nav>
);
