import type { FC } from "hono/jsx";
import { Form } from "../http/forms.js";
import type { DispatchView } from "./present.js";

// The dispatch of a decision as a section of another page: the paragraph page, the secretary's dispatch page and
// the case page show the same table, so they cannot disagree about where an extract got to.

/** The address of the secretary's dispatch page of a paragraph. */
export function dispatchPagePath(meetingId: string, paragraphId: string): string {
  return `/sammantraden/${meetingId}/sekreterare/paragrafer/${paragraphId}/expediering`;
}

/** The table of one dispatch: recipient, channel, status, outgoing record, when sent; details for the secretary. */
export const DeliveryTable: FC<{
  v: DispatchView;
  caption: string;
  csrf?: string;
  resendPath?: (id: string) => string;
}> = ({ v, caption, csrf, resendPath }) => {
  const detail = v.deliveries.some((d) => d.detail !== null);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Mottagare</th>
          <th scope="col">Sätt</th>
          <th scope="col">Status</th>
          <th scope="col">Handling</th>
          <th scope="col">Skickat</th>
          {detail ? <th scope="col">Detaljer</th> : null}
        </tr>
      </thead>
      <tbody>
        {v.deliveries.map((d) => (
          <tr>
            <th scope="row">{d.name}</th>
            <td>{d.channelLabel}</td>
            <td>{d.statusLabel}</td>
            <td>{d.recordNumber}</td>
            <td>{d.sentAt ?? "–"}</td>
            {detail ? (
              <td>
                {d.detail?.address ? <div>{d.detail.address}</div> : null}
                {d.detail?.messageId ? <div>{`Message-ID: ${d.detail.messageId}`}</div> : null}
                {d.attempts > 0 ? (
                  <div>{`Försök: ${d.attempts}${d.round > 1 ? `, omgång ${d.round}` : ""}`}</div>
                ) : null}
                {d.detail?.lastError ? <div>{d.detail.lastError}</div> : null}
                {d.resendable && csrf && resendPath ? (
                  <Form
                    action={resendPath(d.id)}
                    fields={[]}
                    csrfToken={csrf}
                    submitLabel={`Skicka om till ${d.name}`}
                  />
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/** "Expediering" on a paragraph page: the deliveries, or that the decision has not been dispatched yet. */
export const DispatchSection: FC<{ v: DispatchView; level: 2 | 3; action?: string }> = ({
  v,
  level,
  action,
}) => {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`expediering-${v.paragraphId}`}>
      <H id={`expediering-${v.paragraphId}`}>Expediering</H>
      {v.deliveries.length === 0 ? (
        <p>Beslutet är inte expedierat ännu.</p>
      ) : (
        <>
          <p>{`Expedierat ${v.dispatchedOn} till ${v.deliveries.length} mottagare${v.complete ? "; alla utskick har gått fram." : "."}`}</p>
          <DeliveryTable v={v} caption="Utskick per mottagare" />
        </>
      )}
      {action ? (
        <p>
          <a href={action}>Expediera eller följ utskicken</a>
        </p>
      ) : null}
    </section>
  );
};

/** "Expediering" on the case page: each of the case's dispatched decisions. */
export const CaseDispatchSection: FC<{ dispatches: DispatchView[] }> = ({ dispatches }) =>
  dispatches.length === 0 ? null : (
    <section aria-labelledby="expediering">
      <h2 id="expediering">Expediering</h2>
      {dispatches.map((v) => (
        <DeliveryTable
          v={v}
          caption={`${v.code ?? ""} expedierat ${v.dispatchedOn}${v.complete ? ", alla utskick har gått fram" : ""}`}
        />
      ))}
    </section>
  );
