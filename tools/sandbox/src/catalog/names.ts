import type { Random } from "../random.ts";

/**
 * Deterministic, pronounceable made-up names and texts for generated series.
 * They only need to look like TV data and exercise the pipeline's text
 * handling (articles, "&", apostrophes, colons, accents, non-Latin scripts).
 */

const ONSETS = [
  "b",
  "br",
  "c",
  "ch",
  "d",
  "dr",
  "f",
  "g",
  "gr",
  "h",
  "k",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "st",
  "t",
  "th",
  "v",
  "w",
  "z",
];
const VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ae", "ia", "ou"];
const CODAS = ["", "", "", "n", "r", "l", "s", "th", "nd", "rk", "x"];

export function madeUpWord(rng: Random, syllables = rng.int(2, 3)): string {
  let word = "";
  for (let i = 0; i < syllables; i++) {
    word += rng.pick(ONSETS) + rng.pick(VOWELS);
    if (i === syllables - 1 || rng.chance(0.25)) word += rng.pick(CODAS);
  }
  return capitalize(word);
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const ADJECTIVES = [
  "Silent",
  "Broken",
  "Golden",
  "Last",
  "Hidden",
  "Crimson",
  "Wild",
  "Lost",
  "Quiet",
  "Iron",
  "Bright",
  "Northern",
  "Hollow",
  "Savage",
  "Little",
  "Endless",
];
const NOUNS = [
  "Harbor",
  "Kingdom",
  "Frontier",
  "Witness",
  "Station",
  "Empire",
  "Border",
  "Garden",
  "Tide",
  "Circle",
  "Crown",
  "Signal",
  "Orchard",
  "Lantern",
  "Verdict",
  "Shift",
];
const PLURAL_NOUNS = [
  "Shadows",
  "Secrets",
  "Ashes",
  "Saints",
  "Wolves",
  "Ghosts",
  "Rivers",
  "Heirs",
  "Strangers",
  "Outlaws",
];
const PLACE_SUFFIXES = ["Bay", "Falls", "Heights", "Park", "County", "Valley", "Street", "Point"];
const PAIRED_NOUNS = ["Salt", "Iron", "Smoke", "Honey", "Bones", "Gold", "Glass", "Thunder", "Silk", "Steel"];
const HONORIFICS = ["Mr.", "Dr.", "Mrs.", "Ms."];
const JOBS = ["Law", "Practice", "Rules", "Game", "Secret", "Way"];

/** An English-looking title, sometimes with punctuation the pipeline must keep intact. */
export function englishTitle(rng: Random): string {
  return rng.weighted<() => string>([
    [() => `The ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`, 5],
    [() => madeUpWord(rng), 4],
    [() => `${madeUpWord(rng)} ${rng.pick(PLACE_SUFFIXES)}`, 4],
    [() => `${rng.pick(PLURAL_NOUNS)} of ${madeUpWord(rng)}`, 3],
    [() => `${rng.pick(ADJECTIVES)} ${rng.pick(PLURAL_NOUNS)}`, 3],
    [() => `${rng.pick(PAIRED_NOUNS)} & ${rng.pick(PAIRED_NOUNS)}`, 1],
    [() => `${madeUpWord(rng, 2)}'s ${rng.pick(JOBS)}`, 1],
    [() => `${rng.pick(HONORIFICS)} ${madeUpWord(rng, 2)}`, 1],
    [() => `${madeUpWord(rng)}: ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`, 1],
  ])();
}

export interface ForeignTitle {
  title: string;
  originalTitle: string;
}

type Lexicon = ReadonlyArray<readonly [original: string, english: string]>;

function ofTemplate(lexicon: Lexicon, preposition: string) {
  return (rng: Random): ForeignTitle => {
    const [original, english] = rng.pick(lexicon);
    const place = madeUpWord(rng, 2);
    return { originalTitle: `${original} ${preposition} ${place}`, title: `${english} of ${place}` };
  };
}

type Syllabary = ReadonlyArray<readonly [native: string, roman: string]>;

/** A made-up name in a non-Latin script plus its romanization, e.g. ["カミソ", "Kamiso"]. */
function syllabaryName(rng: Random, syllabary: Syllabary): readonly [string, string] {
  const parts = Array.from({ length: rng.int(2, 3) }, () => rng.pick(syllabary));
  return [parts.map(([native]) => native).join(""), capitalize(parts.map(([, roman]) => roman).join(""))];
}

/** Two words, or a word and a made-up name, joined the way the language joins "B of A". */
function compoundTemplate(lexicon: Lexicon, syllabary: Syllabary, join: (a: string, b: string) => string) {
  return (rng: Random): ForeignTitle => {
    const [first, second] = rng.sample(lexicon, 2) as [Lexicon[number], Lexicon[number]];
    const owner = rng.chance(0.6) ? syllabaryName(rng, syllabary) : first;
    return { originalTitle: join(owner[0], second[0]), title: capitalize(`${second[1]} of ${owner[1]}`) };
  };
}

const KATAKANA: Syllabary = [
  ["カ", "ka"],
  ["キ", "ki"],
  ["ク", "ku"],
  ["サ", "sa"],
  ["シ", "shi"],
  ["タ", "ta"],
  ["ナ", "na"],
  ["ミ", "mi"],
  ["ラ", "ra"],
  ["リ", "ri"],
  ["ト", "to"],
  ["ヨ", "yo"],
  ["ハ", "ha"],
  ["ソ", "so"],
];
const HANGUL: Syllabary = [
  ["가", "ga"],
  ["나", "na"],
  ["다", "da"],
  ["라", "ra"],
  ["민", "min"],
  ["서", "seo"],
  ["지", "ji"],
  ["하", "ha"],
  ["윤", "yun"],
  ["수", "su"],
  ["현", "hyeon"],
  ["영", "yeong"],
];

export interface ForeignFlavor {
  language: string;
  countries: readonly string[];
  weight: number;
  title: (rng: Random) => ForeignTitle;
}

/** Non-English series: the original title is in the language, the TMDB name is English. */
export const FOREIGN_FLAVORS: readonly ForeignFlavor[] = [
  {
    language: "es",
    countries: ["ES", "MX", "AR"],
    weight: 5,
    title: ofTemplate(
      [
        ["La casa", "The House"],
        ["El río", "The River"],
        ["La sombra", "The Shadow"],
        ["El corazón", "The Heart"],
        ["La canción", "The Song"],
        ["El jardín", "The Garden"],
      ],
      "de",
    ),
  },
  {
    language: "ja",
    countries: ["JP"],
    weight: 6,
    title: compoundTemplate(
      [
        ["約束", "the Promise"],
        ["夜明け", "Dawn"],
        ["銀河", "the Galaxy"],
        ["学園", "the Academy"],
        ["探偵", "the Detective"],
        ["剣", "the Sword"],
        ["花火", "Fireworks"],
        ["王国", "the Kingdom"],
      ],
      KATAKANA,
      (a, b) => `${a}の${b}`,
    ),
  },
  {
    language: "ko",
    countries: ["KR"],
    weight: 4,
    title: compoundTemplate(
      [
        ["비밀", "Secrets"],
        ["도시", "the City"],
        ["바람", "the Wind"],
        ["기억", "Memory"],
        ["왕국", "the Kingdom"],
        ["사랑", "Love"],
      ],
      HANGUL,
      (a, b) => `${a}의 ${b}`,
    ),
  },
  {
    language: "fr",
    countries: ["FR"],
    weight: 3,
    title: ofTemplate(
      [
        ["La maison", "The House"],
        ["Le secret", "The Secret"],
        ["L'été", "The Summer"],
        ["Les enfants", "The Children"],
        ["La forêt", "The Forest"],
      ],
      "de",
    ),
  },
  {
    language: "de",
    countries: ["DE"],
    weight: 2,
    title: ofTemplate(
      [
        ["Das Haus", "The House"],
        ["Die Brücke", "The Bridge"],
        ["Der Wald", "The Forest"],
        ["Das Geheimnis", "The Secret"],
        ["Die Stadt", "The City"],
      ],
      "von",
    ),
  },
  {
    language: "it",
    countries: ["IT"],
    weight: 1,
    title: ofTemplate(
      [
        ["La città", "The City"],
        ["Il segreto", "The Secret"],
        ["La famiglia", "The Family"],
      ],
      "di",
    ),
  },
  {
    language: "pt",
    countries: ["BR"],
    weight: 1,
    title: ofTemplate(
      [
        ["A cidade", "The City"],
        ["O segredo", "The Secret"],
        ["Coração", "Heart"],
      ],
      "de",
    ),
  },
  {
    language: "sv",
    countries: ["SE"],
    weight: 1,
    title: ofTemplate(
      [
        ["Skogen", "The Forest"],
        ["Huset", "The House"],
        ["Ön", "The Island"],
      ],
      "i",
    ),
  },
  {
    language: "tr",
    countries: ["TR"],
    weight: 1,
    title: ofTemplate(
      [
        ["Aşk", "Love"],
        ["Kader", "Destiny"],
        ["Gece", "The Night"],
      ],
      "ve",
    ),
  },
];

const FIRST_NAMES = [
  "Mara",
  "Jonah",
  "Elena",
  "Theo",
  "Ines",
  "Callum",
  "Priya",
  "Otto",
  "Naomi",
  "Felix",
  "Ruth",
  "Dario",
  "Hana",
  "Milo",
  "Greta",
  "Samuel",
  "Lucía",
  "Tomás",
  "Aoife",
  "Kenji",
];
const LAST_NAMES = [
  "Venn",
  "Okafor",
  "Marlowe",
  "Castellano",
  "Lindqvist",
  "Hart",
  "Moreau",
  "Tanaka",
  "Brennan",
  "Sørensen",
  "Ruiz",
  "Calloway",
  "Novak",
  "Whitlock",
  "Asante",
  "Kim",
  "Duval",
  "Ferreira",
];

export function personName(rng: Random): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

const ROLES = [
  "a small-town detective",
  "a disgraced surgeon",
  "a young lawyer",
  "a retired spy",
  "a struggling chef",
  "a high-school teacher",
  "a rookie firefighter",
  "a reclusive inventor",
  "an ambitious journalist",
  "a single father",
];
const INCIDENTS = [
  "uncovers a forgotten ledger",
  "inherits a failing family business",
  "witnesses a crime nobody believes happened",
  "returns home after twenty years",
  "receives a letter from a dead friend",
  "is handed a case no one else wants",
];
const CONSEQUENCES = [
  "a conspiracy that reaches the highest offices",
  "a feud that has split the town for decades",
  "the secrets of a powerful family",
  "an unlikely friendship that changes everything",
  "a race against time to save the people they love",
];
const FOLLOW_UPS = [
  "Nothing is what it seems.",
  "Every choice has a price.",
  "Loyalties will be tested.",
  "Some doors should stay closed.",
];

/** A TMDB-style overview: one or two sentences around a named protagonist. */
export function overview(rng: Random, setting: string): string {
  const protagonist = personName(rng);
  const opening = `When ${protagonist}, ${rng.pick(ROLES)} in ${setting}, ${rng.pick(INCIDENTS)}, they are pulled into ${rng.pick(CONSEQUENCES)}.`;
  return rng.chance(0.5) ? `${opening} ${rng.pick(FOLLOW_UPS)}` : opening;
}

const TAGLINES = [
  "Every family has its secrets.",
  "No one leaves unchanged.",
  "The truth has a cost.",
  "Welcome home.",
  "Trust no one.",
  "It all ends here.",
];

export function tagline(rng: Random): string {
  return rng.chance(0.4) ? rng.pick(TAGLINES) : "";
}

export function episodeName(rng: Random, episodeNumber: number): string {
  if (rng.chance(0.15)) return `Episode ${episodeNumber}`;
  return rng.chance(0.5) ? `The ${rng.pick(NOUNS)}` : `${rng.pick(ADJECTIVES)} ${rng.pick(PLURAL_NOUNS)}`;
}
