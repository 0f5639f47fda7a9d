import type { SeriesType } from "../catalog/types.ts";
import { TV_GENRES as G } from "./genres.ts";

/**
 * Hand-picked series that are always in the catalog (first, when it is small)
 * because later stages must cope with them: accents, "&", apostrophes, colons,
 * leading articles, original titles in other scripts, and same-title pairs
 * told apart only by their first-air year. Only titles, years and places are
 * real; ids and ratings come from the IMDb dataset when it has the series,
 * and are generated otherwise.
 */
export interface ShowcaseSeries {
  title: string;
  originalTitle: string;
  language: string;
  countries: string[];
  firstYear: number;
  /** null: still running in mid-2023. */
  lastYear: number | null;
  networkIds: number[];
  genreIds: number[];
  type?: SeriesType;
  runtimeMinutes: number;
}

const show = (
  title: string,
  originalTitle: string,
  language: string,
  countries: string[],
  [firstYear, lastYear]: [number, number | null],
  networkIds: number[],
  genres: Array<{ id: number }>,
  runtimeMinutes: number,
  type?: SeriesType,
): ShowcaseSeries => ({
  title,
  originalTitle,
  language,
  countries,
  firstYear,
  lastYear,
  networkIds,
  genreIds: genres.map((genre) => genre.id),
  runtimeMinutes,
  ...(type ? { type } : {}),
});

export const SHOWCASE_SERIES: readonly ShowcaseSeries[] = [
  show("Élite", "Élite", "es", ["ES"], [2018, null], [213], [G.drama, G.crime], 55),
  show("Money Heist", "La casa de papel", "es", ["ES"], [2017, 2021], [400, 213], [G.crime, G.drama], 70),
  show(
    "Law & Order: Special Victims Unit",
    "Law & Order: Special Victims Unit",
    "en",
    ["US"],
    [1999, null],
    [6],
    [G.crime, G.drama, G.mystery],
    43,
  ),
  show("Grey's Anatomy", "Grey's Anatomy", "en", ["US"], [2005, null], [2], [G.drama], 43),
  show("Mr. Robot", "Mr. Robot", "en", ["US"], [2015, 2019], [30], [G.crime, G.drama, G.mystery], 49),
  show("The Office", "The Office", "en", ["US"], [2005, 2013], [6], [G.comedy], 22),
  show("The Office", "The Office", "en", ["GB"], [2001, 2003], [332], [G.comedy], 30),
  show("Shameless", "Shameless", "en", ["GB"], [2004, 2013], [26], [G.comedy, G.drama], 50),
  show("Shameless", "Shameless", "en", ["US"], [2011, 2021], [67], [G.comedy, G.drama], 46),
  show(
    "Life on Mars",
    "Life on Mars",
    "en",
    ["GB"],
    [2006, 2007],
    [4],
    [G.crime, G.drama, G.sciFiFantasy],
    60,
  ),
  show(
    "Life on Mars",
    "Life on Mars",
    "en",
    ["US"],
    [2008, 2009],
    [2],
    [G.crime, G.drama, G.sciFiFantasy],
    43,
  ),
  show(
    "The Bridge",
    "Bron/Broen",
    "sv",
    ["SE", "DK"],
    [2011, 2018],
    [87, 119],
    [G.crime, G.drama, G.mystery],
    58,
  ),
  show("The Bridge", "The Bridge", "en", ["US"], [2013, 2014], [88], [G.crime, G.drama, G.mystery], 43),
  show(
    "The Returned",
    "Les Revenants",
    "fr",
    ["FR"],
    [2012, 2015],
    [285],
    [G.drama, G.mystery, G.sciFiFantasy],
    52,
  ),
  show(
    "The Returned",
    "The Returned",
    "en",
    ["US"],
    [2015, 2015],
    [129],
    [G.drama, G.mystery, G.sciFiFantasy],
    42,
  ),
  show("Trapped", "Ófærð", "is", ["IS"], [2015, null], [566], [G.crime, G.drama, G.mystery], 60),
  show("Dark", "Dark", "de", ["DE"], [2017, 2020], [213], [G.crime, G.drama, G.mystery, G.sciFiFantasy], 60),
  show(
    "Squid Game",
    "오징어 게임",
    "ko",
    ["KR"],
    [2021, null],
    [213],
    [G.actionAdventure, G.mystery, G.drama],
    55,
  ),
  show(
    "Attack on Titan",
    "進撃の巨人",
    "ja",
    ["JP"],
    [2013, 2023],
    [614],
    [G.animation, G.sciFiFantasy, G.actionAdventure],
    24,
  ),
  show("Lupin", "Lupin", "fr", ["FR"], [2021, null], [213], [G.crime, G.drama, G.mystery], 47),
  show(
    "Who Killed Sara?",
    "¿Quién mató a Sara?",
    "es",
    ["MX"],
    [2021, 2022],
    [213],
    [G.drama, G.crime, G.mystery],
    45,
  ),
  show("Narcos: Mexico", "Narcos: México", "en", ["US", "MX"], [2018, 2021], [213], [G.crime, G.drama], 50),
  show(
    "It's Always Sunny in Philadelphia",
    "It's Always Sunny in Philadelphia",
    "en",
    ["US"],
    [2005, null],
    [88],
    [G.comedy],
    22,
  ),
  show(
    "Love, Death & Robots",
    "Love, Death & Robots",
    "en",
    ["US"],
    [2019, null],
    [213],
    [G.animation, G.sciFiFantasy],
    15,
  ),
  show("Chernobyl", "Chernobyl", "en", ["GB", "US"], [2019, 2019], [49], [G.drama], 65, "Miniseries"),
  show(
    "Planet Earth II",
    "Planet Earth II",
    "en",
    ["GB"],
    [2016, 2016],
    [4],
    [G.documentary],
    50,
    "Documentary",
  ),
];
