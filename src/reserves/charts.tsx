import type { FC } from "hono/jsx";
import { formatKronor } from "../domain/money.js";
import type { GroupSum, IndicatorView, MoneyView } from "./present.js";

// Charts as SVG drawn on the server: no script, readable by screen readers through role="img", a <title> and a
// <desc> that says what the chart shows in words, and a table with the same figures right under each chart.
// Colours meet WCAG 2.1 AA contrast (3:1 for graphics) on white: #0b5394 blue, #1b7a3e green, #7a4b00 brown.

const colours = { granted: "#0b5394", paid: "#1b7a3e", remaining: "#7a4b00", total: "#4a4a4a" };

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

interface Bar {
  label: string;
  value: number;
  text: string;
  colour: string;
}

/** Horizontal bars, each labelled with its name and amount; the widest bar is the largest value. */
const Bars: FC<{ title: string; description: string; bars: Bar[] }> = ({ title, description, bars }) => {
  const id = nextId("diagram");
  const rowHeight = 34;
  const labelWidth = 220;
  const width = 720;
  const barSpace = width - labelWidth - 150;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 10;
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{description}</desc>
      {bars.map((b, i) => {
        const y = i * rowHeight + 5;
        const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barSpace));
        return (
          <g>
            <text x={labelWidth - 8} y={y + 20} text-anchor="end" font-size="14" fill="#1a1a1a">
              {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 12} fill={b.colour} />
            <text x={labelWidth + w + 6} y={y + 20} font-size="14" fill="#1a1a1a">
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

/** A chart and its table: the same figures twice, for eyes and for screen readers and copying. */
const Figure: FC<{ caption: string; children?: any; table: { head: string[]; rows: string[][] } }> = ({
  caption,
  children,
  table,
}) => (
  <figure class="chart-figure">
    <figcaption>{caption}</figcaption>
    {children}
    <table>
      <caption>{`${caption} (tabell)`}</caption>
      <thead>
        <tr>
          {table.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr>{row.map((cell, i) => (i === 0 ? <th scope="row">{cell}</th> : <td>{cell}</td>))}</tr>
        ))}
      </tbody>
    </table>
  </figure>
);

/** Appropriated, granted, paid and remaining of a reserve. */
export const MoneyChart: FC<{ money: MoneyView; caption: string }> = ({ money, caption }) => {
  const bars: Bar[] = [
    { label: "Anslaget", value: money.appropriatedOre, text: money.appropriated, colour: colours.total },
    { label: "Beviljat", value: money.grantedOre, text: money.granted, colour: colours.granted },
    { label: "Utbetalt", value: money.paidOre, text: money.paid, colour: colours.paid },
    { label: "Återstår", value: money.remainingOre, text: money.remaining, colour: colours.remaining },
  ];
  return (
    <Figure caption={caption} table={{ head: ["Post", "Belopp"], rows: bars.map((b) => [b.label, b.text]) }}>
      <Bars
        title={caption}
        description={`Anslaget ${money.appropriated}, beviljat ${money.granted}, utbetalt ${money.paid}, återstår ${money.remaining}.`}
        bars={bars}
      />
    </Figure>
  );
};

/** Granted and paid money per theme, committee or area. */
export const GroupChart: FC<{ groups: GroupSum[]; caption: string; groupName: string; note?: string }> = ({
  groups,
  caption,
  groupName,
  note,
}) => {
  const bars = groups.flatMap((g) => [
    { label: `${g.name}: beviljat`, value: g.grantedOre, text: g.granted, colour: colours.granted },
    { label: `${g.name}: utbetalt`, value: g.paidOre, text: g.paid, colour: colours.paid },
  ]);
  const description =
    groups.length === 0
      ? "Inga beviljade avrop ännu."
      : groups.map((g) => `${g.name}: beviljat ${g.granted}, utbetalt ${g.paid}`).join("; ");
  return (
    <Figure
      caption={caption}
      table={{
        head: [groupName, "Avrop", "Beviljat", "Utbetalt"],
        rows: groups.map((g) => [g.name, String(g.count), g.granted, g.paid]),
      }}
    >
      {note ? <p class="hint">{note}</p> : null}
      {groups.length > 0 ? (
        <Bars title={caption} description={description} bars={bars} />
      ) : (
        <p>Inga beviljade avrop ännu.</p>
      )}
    </Figure>
  );
};

/** An indicator's path: baseline, each report's value, and the target, on one scale. */
export const IndicatorChart: FC<{ indicator: IndicatorView }> = ({ indicator }) => {
  const id = nextId("indikator");
  const points = indicator.path;
  const width = 720;
  const height = 240;
  const left = 70;
  const right = 30;
  const top = 20;
  const bottom = 50;
  const values = points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (indicator.unit === "percent") {
    lo = Math.max(0, Math.floor(lo / 10) * 10 - 10);
    hi = Math.min(100, Math.ceil(hi / 10) * 10 + 10);
  } else {
    lo = 0;
    hi = hi * 1.15 || 1;
  }
  const x = (i: number) =>
    left + (points.length === 1 ? 0 : (i * (width - left - right)) / (points.length - 1));
  const y = (v: number) => top + (1 - (v - lo) / (hi - lo || 1)) * (height - top - bottom);
  const measured = points.map((p, i) => ({ ...p, i })).filter((p) => p.kind !== "target");
  const target = points[points.length - 1]!;
  const caption = `${indicator.name}: från ${indicator.format(indicator.baseline)} mot målet ${indicator.format(indicator.target)}`;
  const description =
    points.map((p) => `${p.label}: ${indicator.format(p.value)}`).join(", ") +
    (indicator.latest === null ? ". Inga rapporterade värden ännu." : ".");
  return (
    <Figure
      caption={caption}
      table={{
        head: ["Mätpunkt", `Värde (${indicator.unitText})`],
        rows: points.map((p) => [p.label, indicator.format(p.value)]),
      }}
    >
      <svg
        class="chart"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
      >
        <title id={`${id}-t`}>{caption}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line x1={left} y1={height - bottom} x2={width - right} y2={height - bottom} stroke="#4a4a4a" />
        <text x={left - 8} y={y(lo) + 5} text-anchor="end" font-size="13" fill="#1a1a1a">
          {indicator.format(Math.round(lo))}
        </text>
        <text x={left - 8} y={y(hi) + 5} text-anchor="end" font-size="13" fill="#1a1a1a">
          {indicator.format(Math.round(hi))}
        </text>
        <line
          x1={left}
          y1={y(target.value)}
          x2={width - right}
          y2={y(target.value)}
          stroke={colours.paid}
          stroke-dasharray="6 4"
          stroke-width="2"
        />
        <polyline
          points={measured.map((p) => `${x(p.i)},${y(p.value)}`).join(" ")}
          fill="none"
          stroke={colours.granted}
          stroke-width="3"
        />
        {points.map((p, i) => (
          <g>
            {p.kind === "target" ? (
              <rect x={x(i) - 6} y={y(p.value) - 6} width="12" height="12" fill={colours.paid} />
            ) : (
              <circle cx={x(i)} cy={y(p.value)} r="6" fill={colours.granted} />
            )}
            <text x={x(i)} y={height - bottom + 20} text-anchor="middle" font-size="13" fill="#1a1a1a">
              {p.label}
            </text>
            <text x={x(i)} y={y(p.value) - 10} text-anchor="middle" font-size="13" fill="#1a1a1a">
              {indicator.format(p.value)}
            </text>
          </g>
        ))}
      </svg>
    </Figure>
  );
};

/** A progress bar as text and as a meter. */
export const Progress: FC<{ permille: number | null; text: string | null }> = ({ permille, text }) =>
  permille === null ? (
    <span>Ingen rapport ännu</span>
  ) : (
    <span>
      <meter min={0} max={1000} value={permille} aria-label={`Framsteg ${text}`} /> {text}
    </span>
  );

export { formatKronor };
