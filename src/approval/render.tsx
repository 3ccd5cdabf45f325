import type { FC } from "hono/jsx";
import type { ApprovalPresented } from "./present.js";

// "Justerat": what the minutes, the extract and the paragraph page show of their approval, so that anyone can check
// that what they read is what was signed (the hash), and the decision's legal force (L32).

/** The approval of minutes or a paragraph: signers, date, hash, the notice and legal force. */
export const ApprovalStamp: FC<{ a: ApprovalPresented; legalForce?: boolean }> = ({
  a,
  legalForce = true,
}) => (
  <section class="approval" aria-labelledby="justerat">
    <h2 id="justerat">
      {a.corrected ? "Justerat (senare rättat)" : a.immediate ? "Justerat omedelbart" : "Justerat"}
    </h2>
    <p>{`Justerat ${a.approvedOn}, version ${a.number}.`}</p>
    <ul aria-label="Signerat av">
      {a.signers.map((s) => (
        <li>{`${s.roleLabel}: ${s.name}, ${s.atText}`}</li>
      ))}
    </ul>
    {a.illustrative ? (
      <p class="muted">
        Exemplets justerare är valda i illustrationssyfte: förlagan anger inte vilka som justerade
        protokollet.
      </p>
    ) : null}
    <p>
      {"Kontrollsumma (SHA-256) för den signerade versionen: "}
      <code>{a.hash}</code>
      {". "}
      <a href={`/api/minutes-versions/${a.versionId}`}>Den signerade versionen</a>
    </p>
    {a.notice ? (
      <p>{`Justeringen anslogs på anslagstavlan ${a.notice.postedOn}. Protokollet förvaras: ${a.notice.minutesKeptAt}. Sista dag att överklaga: ${a.notice.appealEndsOn}.`}</p>
    ) : null}
    {legalForce ? <LegalForce a={a} /> : null}
  </section>
);

/** Whether the decision has gained legal force, or an appeal is recorded (KL 13 kap. 5 §, 13 kap. 14 § (check)). */
export const LegalForce: FC<{ a: ApprovalPresented }> = ({ a }) => {
  const lf = a.legalForce;
  if (lf.state === "in_force") return <p class="legal-force">{`Beslutet vann laga kraft ${lf.on}.`}</p>;
  if (lf.state === "pending")
    return (
      <p class="legal-force">{`Beslutet har inte vunnit laga kraft: överklagandetiden löper till och med ${lf.appealEndsOn}.`}</p>
    );
  if (lf.state === "appealed")
    return (
      <div class="legal-force">
        <p>Beslutet har överklagats och har inte vunnit laga kraft.</p>
        <ul aria-label="Överklaganden">
          {a.appeals.map((x) => (
            <li>{`${x.court}, mål ${x.caseNumber}, inkom ${x.receivedOn}`}</li>
          ))}
        </ul>
      </div>
    );
  return null;
};
