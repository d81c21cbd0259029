// Time zone abbreviations accepted in date/time input: PostgreSQL 15's default set
// (share/timezonesets/Default). Each entry is "NAME OFFSET" (seconds east of UTC), "NAME OFFSET D" for a
// daylight-saving abbreviation, or "NAME Zone/Name" for one whose offset depends on the date.
const table = `
EAT 10800;SAST 7200;WAT 3600;ACT -18000;AKDT -28800 D;AKST -32400;
ART America/Argentina/Buenos_Aires;ARST America/Argentina/Buenos_Aires;BOT -14400;BRA -10800;
BRST -7200 D;BRT -10800;COT -18000;CDT -18000 D;CLST -10800 D;CLT America/Santiago;CST -21600;
EDT -14400 D;EGST 0 D;EGT -3600;EST -18000;FNT -7200;FNST -3600 D;GFT -10800;GYT America/Guyana;
MDT -21600 D;MST -25200;NDT -9000 D;NFT -12600;NST -12600;PET -18000;PDT -25200 D;PMDT -7200 D;
PMST -10800;PST -28800;PYST -10800 D;PYT America/Asuncion;UYST -7200 D;UYT -10800;
VET America/Caracas;WGST -7200 D;WGT -10800;DAVT Antarctica/Davis;DDUT 36000;MAWT Antarctica/Mawson;
AFT 16200;ALMT 21600;ALMST 25200 D;AMST Asia/Yerevan;AMT -14400;ANAST Asia/Anadyr;ANAT Asia/Anadyr;
AZST Asia/Baku;AZT Asia/Baku;BDT 21600;BNT 28800;BORT 28800;BTT 21600;CCT 28800;GEST Asia/Tbilisi;
GET Asia/Tbilisi;HKT 28800;ICT 25200;IDT 10800 D;IRKST Asia/Irkutsk;IRKT Asia/Irkutsk;IRT 12600;
IST 7200;JAYT 32400;JST 32400;KDT 36000 D;KGST 21600 D;KGT Asia/Bishkek;KRAST Asia/Krasnoyarsk;
KRAT Asia/Krasnoyarsk;KST 32400;LKT Asia/Colombo;MAGST Asia/Magadan;MAGT Asia/Magadan;MMT 23400;
MYT 28800;NOVST Asia/Novosibirsk;NOVT Asia/Novosibirsk;NPT 20700;OMSST Asia/Omsk;OMST Asia/Omsk;
PETST Asia/Kamchatka;PETT Asia/Kamchatka;PHT 28800;PKT 18000;PKST 21600 D;SGT Asia/Singapore;
TJT 18000;TMT Asia/Ashgabat;ULAST 32400 D;ULAT Asia/Ulaanbaatar;UZST 21600 D;UZT 18000;
VLAST Asia/Vladivostok;VLAT Asia/Vladivostok;XJT 21600;YAKST Asia/Yakutsk;YAKT Asia/Yakutsk;
YEKST 21600 D;YEKT Asia/Yekaterinburg;ADT -10800 D;AST -14400;AZOST 0 D;AZOT -3600;
FKST Atlantic/Stanley;FKT Atlantic/Stanley;ACSST 37800 D;ACDT 37800 D;ACST 34200;ACWST 31500;
AESST 39600 D;AEDT 39600 D;AEST 36000;AWSST 32400 D;AWST 28800;CADT 37800 D;CAST 34200;
LHDT Australia/Lord_Howe;LHST 37800;LIGT 36000;NZT 43200;SADT 37800 D;WADT 28800 D;WAST 25200;
WDT 32400 D;GMT 0;UCT 0;UT 0;UTC 0;Z 0;ZULU 0;BST 3600 D;BDST 7200 D;CEST 7200 D;CET 3600;
CETDST 7200 D;EEST 10800 D;EET 7200;EETDST 10800 D;FET 10800;MEST 7200 D;MESZ 7200 D;MET 3600;
METDST 7200 D;MEZ 3600;MSD 14400 D;MSK Europe/Moscow;VOLT Europe/Volgograd;WET 0;WETDST 3600 D;
CXT 25200;IOT Indian/Chagos;MUT 14400;MUST 18000 D;MVT 18000;RET 14400;SCT 14400;TFT 18000;
CHADT 49500 D;CHAST 45900;CHUT 36000;CKT Pacific/Rarotonga;EASST Pacific/Easter;EAST Pacific/Easter;
FJST 46800 D;FJT 43200;GALT -21600;GAMT -32400;GILT 43200;HST -36000;KOST Pacific/Kosrae;
LINT Pacific/Kiritimati;MART -34200;MHT 43200;MPT 36000;NUT Pacific/Niue;NZDT 46800 D;NZST 43200;
PGT 36000;PONT 39600;PWT 32400;TAHT -36000;TKT Pacific/Fakaofo;TOT 46800;TRUT 36000;TVT 43200;
VUT 39600;WAKT 43200;WFT 43200;YAPT 36000`;

export type ZoneAbbrev = { offset: number; dst: boolean } | { zone: string };

const abbrevs = new Map<string, ZoneAbbrev>();
for (const entry of table.replace(/\n/g, "").split(";")) {
  const [name, value, flag] = entry.split(" ");
  if (!name || !value) continue;
  const offset = Number(value);
  abbrevs.set(name.toLowerCase(), Number.isNaN(offset) ? { zone: value } : { offset, dst: flag === "D" });
}

/** The abbreviation (case-insensitive) as the default timezone_abbreviations set defines it. */
export function zoneAbbrev(name: string): ZoneAbbrev | undefined {
  return abbrevs.get(name.toLowerCase());
}
