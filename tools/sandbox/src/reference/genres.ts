/** TMDB's TV genre list (GET /3/genre/tv/list), ids and names as TMDB sends them. */
export const TV_GENRES = {
  actionAdventure: { id: 10759, name: "Action & Adventure" },
  animation: { id: 16, name: "Animation" },
  comedy: { id: 35, name: "Comedy" },
  crime: { id: 80, name: "Crime" },
  documentary: { id: 99, name: "Documentary" },
  drama: { id: 18, name: "Drama" },
  family: { id: 10751, name: "Family" },
  kids: { id: 10762, name: "Kids" },
  mystery: { id: 9648, name: "Mystery" },
  news: { id: 10763, name: "News" },
  reality: { id: 10764, name: "Reality" },
  sciFiFantasy: { id: 10765, name: "Sci-Fi & Fantasy" },
  soap: { id: 10766, name: "Soap" },
  talk: { id: 10767, name: "Talk" },
  warPolitics: { id: 10768, name: "War & Politics" },
  western: { id: 37, name: "Western" },
} as const;

export interface Genre {
  id: number;
  name: string;
}

export const ALL_TV_GENRES: readonly Genre[] = Object.values(TV_GENRES);

const GENRES_BY_ID = new Map<number, Genre>(ALL_TV_GENRES.map((genre) => [genre.id, genre]));

export function genreById(id: number): Genre {
  const genre = GENRES_BY_ID.get(id);
  if (!genre) throw new Error(`unknown TMDB TV genre id ${id}`);
  return genre;
}

/** How generated series pick genres: drama and comedy dominate, as on TMDB. */
export const GENRE_WEIGHTS: ReadonlyArray<readonly [Genre, number]> = [
  [TV_GENRES.drama, 30],
  [TV_GENRES.comedy, 18],
  [TV_GENRES.crime, 12],
  [TV_GENRES.actionAdventure, 10],
  [TV_GENRES.sciFiFantasy, 10],
  [TV_GENRES.animation, 9],
  [TV_GENRES.mystery, 9],
  [TV_GENRES.documentary, 4],
  [TV_GENRES.family, 4],
  [TV_GENRES.reality, 2],
  [TV_GENRES.warPolitics, 2],
  [TV_GENRES.kids, 2],
  [TV_GENRES.soap, 1],
  [TV_GENRES.talk, 1],
  [TV_GENRES.news, 1],
  [TV_GENRES.western, 1],
];

/** IMDb genre names (as in the IMDb dataset and OMDb's Genre) mapped to TMDB TV genres. */
const IMDB_TO_TMDB: Record<string, Genre | undefined> = {
  Action: TV_GENRES.actionAdventure,
  Adventure: TV_GENRES.actionAdventure,
  Animation: TV_GENRES.animation,
  Comedy: TV_GENRES.comedy,
  Crime: TV_GENRES.crime,
  Documentary: TV_GENRES.documentary,
  Biography: TV_GENRES.documentary,
  Drama: TV_GENRES.drama,
  Romance: TV_GENRES.drama,
  History: TV_GENRES.warPolitics,
  Family: TV_GENRES.family,
  Mystery: TV_GENRES.mystery,
  Thriller: TV_GENRES.mystery,
  Horror: TV_GENRES.mystery,
  News: TV_GENRES.news,
  "Reality-TV": TV_GENRES.reality,
  "Game-Show": TV_GENRES.reality,
  "Sci-Fi": TV_GENRES.sciFiFantasy,
  Fantasy: TV_GENRES.sciFiFantasy,
  "Talk-Show": TV_GENRES.talk,
  War: TV_GENRES.warPolitics,
  Western: TV_GENRES.western,
};

export function tmdbGenresForImdbGenres(imdbGenres: readonly string[]): Genre[] {
  const genres: Genre[] = [];
  for (const name of imdbGenres) {
    const genre = IMDB_TO_TMDB[name];
    if (genre && !genres.includes(genre)) genres.push(genre);
  }
  return genres;
}

/** TMDB TV genres spelled the way IMDb (and so OMDb's Genre field) spells them. */
const TMDB_TO_IMDB: Record<number, readonly string[]> = {
  [TV_GENRES.actionAdventure.id]: ["Action", "Adventure"],
  [TV_GENRES.animation.id]: ["Animation"],
  [TV_GENRES.comedy.id]: ["Comedy"],
  [TV_GENRES.crime.id]: ["Crime"],
  [TV_GENRES.documentary.id]: ["Documentary"],
  [TV_GENRES.drama.id]: ["Drama"],
  [TV_GENRES.family.id]: ["Family"],
  [TV_GENRES.kids.id]: ["Family"],
  [TV_GENRES.mystery.id]: ["Mystery"],
  [TV_GENRES.news.id]: ["News"],
  [TV_GENRES.reality.id]: ["Reality-TV"],
  [TV_GENRES.sciFiFantasy.id]: ["Sci-Fi", "Fantasy"],
  [TV_GENRES.soap.id]: ["Drama", "Romance"],
  [TV_GENRES.talk.id]: ["Talk-Show"],
  [TV_GENRES.warPolitics.id]: ["War"],
  [TV_GENRES.western.id]: ["Western"],
};

export function imdbGenresForTmdbGenres(genres: readonly Genre[]): string[] {
  const names: string[] = [];
  for (const genre of genres) {
    for (const name of TMDB_TO_IMDB[genre.id] ?? []) if (!names.includes(name)) names.push(name);
  }
  return names;
}
