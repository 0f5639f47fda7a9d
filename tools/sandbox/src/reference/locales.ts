/** Countries: TMDB's production_countries name and OMDb's Country spelling. */
const COUNTRIES: Record<string, { tmdbName: string; omdbName: string }> = {
  US: { tmdbName: "United States of America", omdbName: "United States" },
  GB: { tmdbName: "United Kingdom", omdbName: "United Kingdom" },
  CA: { tmdbName: "Canada", omdbName: "Canada" },
  AU: { tmdbName: "Australia", omdbName: "Australia" },
  JP: { tmdbName: "Japan", omdbName: "Japan" },
  KR: { tmdbName: "South Korea", omdbName: "South Korea" },
  ES: { tmdbName: "Spain", omdbName: "Spain" },
  MX: { tmdbName: "Mexico", omdbName: "Mexico" },
  AR: { tmdbName: "Argentina", omdbName: "Argentina" },
  FR: { tmdbName: "France", omdbName: "France" },
  DE: { tmdbName: "Germany", omdbName: "Germany" },
  IT: { tmdbName: "Italy", omdbName: "Italy" },
  BR: { tmdbName: "Brazil", omdbName: "Brazil" },
  SE: { tmdbName: "Sweden", omdbName: "Sweden" },
  DK: { tmdbName: "Denmark", omdbName: "Denmark" },
  IS: { tmdbName: "Iceland", omdbName: "Iceland" },
  TR: { tmdbName: "Turkey", omdbName: "Turkey" },
  CN: { tmdbName: "China", omdbName: "China" },
};

export function countryNames(code: string): { tmdbName: string; omdbName: string } {
  return COUNTRIES[code] ?? { tmdbName: code, omdbName: code };
}

export interface Language {
  code: string;
  englishName: string;
  nativeName: string;
}

const LANGUAGES: Record<string, Language> = {
  en: { code: "en", englishName: "English", nativeName: "English" },
  ja: { code: "ja", englishName: "Japanese", nativeName: "日本語" },
  ko: { code: "ko", englishName: "Korean", nativeName: "한국어/조선말" },
  es: { code: "es", englishName: "Spanish", nativeName: "Español" },
  fr: { code: "fr", englishName: "French", nativeName: "Français" },
  de: { code: "de", englishName: "German", nativeName: "Deutsch" },
  it: { code: "it", englishName: "Italian", nativeName: "Italiano" },
  pt: { code: "pt", englishName: "Portuguese", nativeName: "Português" },
  sv: { code: "sv", englishName: "Swedish", nativeName: "svenska" },
  da: { code: "da", englishName: "Danish", nativeName: "Dansk" },
  is: { code: "is", englishName: "Icelandic", nativeName: "Íslenska" },
  tr: { code: "tr", englishName: "Turkish", nativeName: "Türkçe" },
  zh: { code: "zh", englishName: "Mandarin", nativeName: "普通话" },
};

export function languageByCode(code: string): Language {
  return LANGUAGES[code] ?? { code, englishName: code, nativeName: code };
}
