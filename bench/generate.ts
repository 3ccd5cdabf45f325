// A synthetic diarium in plain SQL (generate_series), fast enough for 200 000 cases and 2 000 000 records.
// Words come from the vocabulary of a Swedish municipality so that searches select as they would in a real
// register: a topic word ("simhall") is in about one case in sixty, a type word ("remissvar") in one record in
// eight, a place and a subject together in a few hundred rows.

export const subjects = [
  "Detaljplan",
  "Bygglov",
  "Motion om",
  "Medborgarförslag om",
  "Budget för",
  "Upphandling av",
  "Avtal om",
  "Yttrande över",
  "Anmälan om",
  "Delårsrapport för",
  "Investering i",
  "Taxa för",
  "Riktlinjer för",
  "Handlingsplan för",
  "Utredning om",
  "Ansökan om bidrag till",
  "Överklagande av beslut om",
  "Tillsyn av",
  "Markanvändning för",
  "Försäljning av fastighet för",
  "Arrende för",
  "Trafikföreskrift för",
  "Revision av",
  "Internkontroll av",
  "Uppföljning av",
  "Samverkansavtal om",
  "Lokalförsörjning för",
  "Ombyggnad av",
  "Nybyggnad av",
  "Renovering av",
  "Miljötillstånd för",
  "Serveringstillstånd för",
  "Föreningsbidrag till",
  "Återrapportering kring",
  "Medfinansiering av",
  "Förstudie om",
  "Programarbete för",
  "Exploatering för",
  "Skadeanmälan för",
  "Energieffektivisering av",
];
export const topics = [
  "förskola",
  "grundskola",
  "gymnasieskola",
  "äldreboende",
  "simhall",
  "idrottshall",
  "bibliotek",
  "cykelbana",
  "gata",
  "park",
  "lekplats",
  "vattenledning",
  "avlopp",
  "återvinningscentral",
  "kollektivtrafik",
  "bostäder",
  "hemtjänst",
  "gruppbostad",
  "fritidsgård",
  "kulturhus",
  "konsthall",
  "museum",
  "hamn",
  "strandbad",
  "naturreservat",
  "dagvatten",
  "gatubelysning",
  "skolgård",
  "tillagningskök",
  "parkeringshus",
  "torg",
  "koloniområde",
  "förskolegård",
  "ishall",
  "fotbollsplan",
  "friidrottsarena",
  "musikskola",
  "ungdomens hus",
  "stadsodling",
  "laddinfrastruktur",
  "busshållplats",
  "gångtunnel",
  "bro",
  "kaj",
  "badplats",
  "hundrastgård",
  "skatepark",
  "mötesplats",
  "trygghetsboende",
  "särskilt boende",
  "korttidsboende",
  "socialkontor",
  "kontaktcenter",
  "brandstation",
  "vårdcentral",
  "stadsdelsbibliotek",
  "träffpunkt",
  "spontanidrottsplats",
  "servicehus",
  "fritidshem",
];
export const places = [
  "Limhamn",
  "Rosengård",
  "Hyllie",
  "Fosie",
  "Oxie",
  "Husie",
  "Kirseberg",
  "Västra hamnen",
  "Möllevången",
  "Södra Innerstaden",
  "Centrum",
  "Bunkeflostrand",
  "Tygelsjö",
  "Klagshamn",
  "Holma",
  "Kroksbäck",
  "Lindängen",
  "Augustenborg",
  "Sofielund",
  "Värnhem",
  "Slottsstaden",
  "Fridhem",
  "Ribersborg",
  "Kulladal",
  "Hermodsdal",
  "Nydala",
  "Gullviksborg",
  "Almhög",
  "Jägersro",
  "Toftanäs",
  "Bulltofta",
  "Kastanjegården",
  "Segevång",
  "Östra hamnen",
  "Nyhamnen",
  "Lorensborg",
  "Bellevue",
  "Mellanhedan",
  "Hindby",
  "Käglinge",
  "Vintrie",
  "Bunkeflo",
  "Elinelund",
  "Videdal",
  "Kvarnby",
  "Husie mosse",
  "Sorgenfri",
  "Nobeltorget",
  "Rönneholm",
  "Dammfri",
];
const recordTemplates = [
  "Remissvar från {body} om {topic}",
  "Beslut {body} § {n}",
  "Tjänsteskrivelse om {topic} i {place}",
  "Protokollsutdrag {body} § {n}",
  "Skrivelse från boende i {place}",
  "Inkommen ansökan om {topic}",
  "Yttrande från {body}",
  "Kompletterande handlingar om {topic}",
  "Kommunicering med sökande",
  "Delegationsbeslut om {topic}",
  "Anbud avseende {topic}",
  "Kartunderlag för {place}",
  "Mejl från medborgare om {topic} i {place}",
  "Samrådsredogörelse för {place}",
  "Granskningsyttrande från {body}",
  "Underrättelse om beslut",
];

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const array = (items: string[]) => `ARRAY[${items.map(sqlText).join(",")}]`;
/** A well-spread pseudo-random index 1..n from an integer expression and a salt. */
const pick = (expr: string, salt: number, n: number) =>
  `(1 + abs(hashint8extended((${expr})::bigint, ${salt}) % ${n}))::int`;

export interface GenerateOptions {
  municipalityId: string;
  seriesId: string;
  prefix: string;
  bodyIds: string[];
  bodyNames: string[];
  markerBodyId: string;
  cases: number;
  firstYear: number;
  years: number;
}

/** The SQL that fills register_case, number_counter and record; about ten records per case. */
export function generateSql(o: GenerateOptions): string[] {
  const perYear = Math.ceil(o.cases / o.years);
  const bodies = `ARRAY[${o.bodyIds.map((id) => `${sqlText(id)}::uuid`).join(",")}]`;
  const bodyNames = array(o.bodyNames);
  const caseSql = `
    INSERT INTO register_case (municipality_id, series_id, year, sequence, number, title, public_title, status,
      responsible_body_id, opened_on, closed_on, last_record_sequence, secrecy_provision, secrecy_marked_on,
      secrecy_marked_by_id)
    SELECT ${sqlText(o.municipalityId)}::uuid, ${sqlText(o.seriesId)}::uuid, y, seq,
      ${sqlText(o.prefix)} || '-' || y || '-' || seq,
      (${array(subjects)})[${pick("g", 1, subjects.length)}] || ' ' || (${array(topics)})[${pick("g", 2, topics.length)}]
        || ' i ' || (${array(places)})[${pick("g", 3, places.length)}],
      CASE WHEN g % 100 = 0 THEN 'Ärende enligt socialtjänstlagen' END,
      CASE WHEN y < ${o.firstYear + o.years - 1} AND g % 3 <> 0 THEN 'closed' ELSE 'open' END,
      (${bodies})[${pick("g", 4, o.bodyIds.length)}],
      opened,
      CASE WHEN y < ${o.firstYear + o.years - 1} AND g % 3 <> 0 THEN opened + 120 END,
      1 + ((g * 7919) % 19),
      CASE WHEN g % 100 = 0 THEN 'OSL 26 kap. 1 §' END,
      CASE WHEN g % 100 = 0 THEN opened END,
      CASE WHEN g % 100 = 0 THEN ${sqlText(o.markerBodyId)}::uuid END
    FROM (
      SELECT g, ${o.firstYear} + (g - 1) / ${perYear} AS y, ((g - 1) % ${perYear}) + 1 AS seq,
        make_date(${o.firstYear} + (g - 1) / ${perYear}, 1, 1) + (((g - 1) % ${perYear}) * 360 / ${perYear}) AS opened
      FROM generate_series(1, ${o.cases}) g
    ) s`;
  const counterSql = `
    INSERT INTO number_counter (series_id, year, last_value)
    SELECT series_id, year, max(sequence) FROM register_case WHERE series_id = ${sqlText(o.seriesId)}::uuid
    GROUP BY series_id, year`;
  const templates = array(recordTemplates);
  const recordSql = `
    INSERT INTO record (municipality_id, case_id, sequence, number, direction, record_type, dated_on,
      counterpart_body_id, description, public_description, secrecy_provision, secrecy_marked_on,
      secrecy_marked_by_id)
    SELECT c.municipality_id, c.id, k, c.number || '-' || k,
      (ARRAY['incoming','drawn_up','outgoing'])[${pick("c.sequence * 31 + k", 5, 3)}],
      (ARRAY['consultation_response','decision','official_report','decision','letter','letter','other',
        'other','attachment','decision','letter','attachment','letter','other','consultation_response',
        'letter'])[t],
      c.opened_on + k * 3,
      (${bodies})[b],
      replace(replace(replace(replace((${templates})[t], '{body}', (${bodyNames})[b]),
        '{topic}', (${array(topics)})[${pick("c.sequence * 13 + k", 6, topics.length)}]),
        '{place}', (${array(places)})[${pick("c.sequence * 17 + k", 7, places.length)}]),
        '{n}', ((c.sequence * 7 + k) % 400 + 1)::text),
      CASE WHEN (c.sequence + k) % 50 = 0 THEN 'Handling enligt socialtjänstlagen' END,
      CASE WHEN (c.sequence + k) % 50 = 0 THEN 'OSL 26 kap. 1 §' END,
      CASE WHEN (c.sequence + k) % 50 = 0 THEN c.opened_on + k * 3 END,
      CASE WHEN (c.sequence + k) % 50 = 0 THEN ${sqlText(o.markerBodyId)}::uuid END
    FROM register_case c
    CROSS JOIN LATERAL generate_series(1, c.last_record_sequence) k
    CROSS JOIN LATERAL (SELECT ${pick("c.sequence * 101 + k", 8, recordTemplates.length)} AS t,
      ${pick("c.sequence * 103 + k", 9, o.bodyIds.length)} AS b) r
    WHERE c.series_id = ${sqlText(o.seriesId)}::uuid`;
  return [caseSql, counterSql, recordSql, "ANALYZE register_case", "ANALYZE record"];
}
