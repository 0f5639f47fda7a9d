import { createRandom, deriveSeed, hashToUnit } from "../random.ts";
import { type PageSubject, placePages, type SitePlacements } from "../sites/plan.ts";
import { type Datasets, indexMetacritic, titleKey } from "./datasets.ts";
import { edgeCasesFor } from "./edge-cases.ts";
import { listingVoteAverage } from "./listing.ts";
import { createWorldPlanner, type SeriesPlan, type WorldPlanner } from "./plan.ts";
import type { AssignedEdgeCase, MetacriticEntry } from "./types.ts";
import {
  baseVotes,
  firstGeneratedBelow,
  GENERATED_SPREAD,
  type SeriesVotes,
  VOTE_AVERAGE_DRIFT,
  votesInWeek,
} from "./votes.ts";

/** One series of the world: everything about it that no catalog size or week changes. */
export interface WorldMember {
  /** Position in world order (named series first, then generated ones). */
  index: number;
  plan: SeriesPlan;
  id: number;
  imdbId: string;
  randomSeed: number;
  edgeCases: ReadonlySet<AssignedEdgeCase>;
  metacritic: MetacriticEntry | null;
  base: SeriesVotes;
}

/** A member with its values in one week. */
export interface RankedMember {
  member: WorldMember;
  votes: SeriesVotes;
}

/** TMDB TV ids are drawn from 1..this (TMDB's ran to about 250,000 in 2023). */
const TMDB_ID_RANGE = 300_000;

/**
 * One world per seed (and dataset choice): every series TMDB's top-rated list could ever show,
 * in a fixed order, planned lazily as far as a catalog needs. A member's ids, edge cases,
 * pages and base values depend only on the seed and its position, never on how many series a
 * catalog asks for; the list for a week ranks the members by that week's values.
 */
export class World {
  readonly members: WorldMember[] = [];
  readonly usesDatasets: boolean;
  /** Title keys more than one member has (only named series share titles). */
  readonly sharedTitles: ReadonlySet<string>;
  readonly #planner: WorldPlanner;
  readonly #tmdbIds = new Set<number>();
  readonly #imdbIds: Set<string>;
  readonly #metacritic: Map<string, MetacriticEntry>;
  readonly #namedCount: number;
  #nextPosition = 0;
  readonly #sites = new Map<number, SitePlacements>();

  constructor(
    readonly seed: number,
    readonly datasets: Datasets | null,
  ) {
    this.usesDatasets = datasets !== null;
    this.#planner = createWorldPlanner(datasets, createRandom(deriveSeed(seed, "plan")));
    const named = this.#planner.named;
    this.#namedCount = named.length;
    this.#imdbIds = new Set(named.flatMap((plan) => (plan.imdb ? [plan.imdb.id] : [])));
    this.#metacritic = datasets ? indexMetacritic(datasets.metacritic) : new Map();
    const titleCounts = new Map<string, number>();
    for (const plan of named)
      titleCounts.set(titleKey(plan.title), (titleCounts.get(titleKey(plan.title)) ?? 0) + 1);
    this.sharedTitles = new Set([...titleCounts].filter(([, count]) => count > 1).map(([key]) => key));

    for (const plan of named) this.members.push(this.#identify(plan));
    // Named series may share titles, so their pages are placed together.
    const subjects = this.members.map(pageSubject);
    const rt = placePages("rt", subjects);
    const mc = placePages("mc", subjects);
    this.members.forEach((member, index) => {
      this.#sites.set(member.index, { rt: rt[index] ?? null, mc: mc[index] ?? null });
    });
  }

  /** Plans members until there are at least `count`. */
  ensure(count: number): void {
    while (this.members.length < count) this.members.push(this.#identify(this.#planner.nextGenerated()));
  }

  /** Where the member's pages live (named series were placed together; a generated one alone). */
  sitesOf(member: WorldMember): SitePlacements {
    let sites = this.#sites.get(member.index);
    if (!sites) {
      const subject = pageSubject(member);
      sites = { rt: placePages("rt", [subject])[0] ?? null, mc: placePages("mc", [subject])[0] ?? null };
      this.#sites.set(member.index, sites);
    }
    return sites;
  }

  /**
   * The first `size` series of the top-rated list in week `week` (weeks from BASE_WEEK), best
   * first. Generated members' base vote averages fall with their position (within
   * ±GENERATED_SPREAD) and a week moves them by at most VOTE_AVERAGE_DRIFT, so once members
   * from position m on cannot reach the listed rating of the size-th best member before them,
   * the members before m decide the list exactly.
   */
  topOfList(size: number, week: number): RankedMember[] {
    this.ensure(Math.max(size, this.#namedCount));
    const floors = this.members
      .map((member) => member.base.voteAverage - VOTE_AVERAGE_DRIFT)
      .sort((a, b) => b - a);
    // Planning more members can only raise the size-th best floor, so this bound stays valid.
    const sizeThFloor = floors[size - 1] ?? Number.NEGATIVE_INFINITY;
    // A value below sizeThFloor - 0.1 is listed (one decimal) strictly below it.
    const unreachable = sizeThFloor - 0.1 - GENERATED_SPREAD - VOTE_AVERAGE_DRIFT;
    this.ensure(this.#namedCount + firstGeneratedBelow(unreachable, this.usesDatasets));
    const ranked = this.members.map((member) => ({
      member,
      votes: votesInWeek(member.base, member.randomSeed, week),
    }));
    return rankList(ranked).slice(0, size);
  }

  #identify(plan: SeriesPlan): WorldMember {
    const position = this.#nextPosition++;
    const randomSeed = deriveSeed(this.seed, "series", position);
    const generatedIndex = plan.source === "generated" ? position - this.#namedCount : null;
    const edgeCases = edgeCasesFor(plan, this.seed, position);
    return {
      index: position,
      plan,
      id: this.#tmdbId(position),
      imdbId: plan.imdb?.id ?? this.#madeUpImdbId(plan, position),
      randomSeed,
      edgeCases,
      metacritic: plan.source === "generated" ? null : this.#metacriticFor(plan),
      base: baseVotes(plan, randomSeed, generatedIndex, this.usesDatasets),
    };
  }

  #tmdbId(position: number): number {
    for (let attempt = 0; ; attempt++) {
      const id = 1 + Math.floor(hashToUnit(this.seed, "tmdb-id", position, attempt) * TMDB_ID_RANGE);
      if (!this.#tmdbIds.has(id)) {
        this.#tmdbIds.add(id);
        return id;
      }
    }
  }

  /** IMDb's format: 8 digits from 2018 on, 7 before; never one a dataset row has. */
  #madeUpImdbId(plan: SeriesPlan, position: number): string {
    for (let attempt = 0; ; attempt++) {
      const unit = hashToUnit(this.seed, "imdb-id", position, attempt);
      const id =
        plan.firstYear >= 2018
          ? `tt${10_000_000 + Math.floor(unit * 20_000_000)}`
          : `tt${String(100_000 + Math.floor(unit * 9_900_000)).padStart(7, "0")}`;
      if (!this.#imdbIds.has(id)) {
        this.#imdbIds.add(id);
        return id;
      }
    }
  }

  /** Metacritic rows match on title (either TMDB name or original title) and first-air year. */
  #metacriticFor(plan: SeriesPlan): MetacriticEntry | null {
    for (const title of [plan.title, plan.originalTitle]) {
      const entry = this.#metacritic.get(`${titleKey(title)}|${plan.firstYear}`);
      if (entry) return entry;
    }
    return null;
  }
}

function pageSubject(member: WorldMember): PageSubject {
  return {
    randomSeed: member.randomSeed,
    source: member.plan.source,
    name: member.plan.title,
    year: member.edgeCases.has("no_first_air_date") ? null : member.plan.firstYear,
    metacritic: member.metacritic,
  };
}

/** top_rated order: vote_average as listed, then vote_count, both descending; TMDB id breaks ties. */
export function rankList(members: readonly RankedMember[]): RankedMember[] {
  return [...members].sort(
    (a, b) =>
      listingVoteAverage(b.votes) - listingVoteAverage(a.votes) ||
      b.votes.voteCount - a.votes.voteCount ||
      a.member.id - b.member.id,
  );
}

const worlds = new Map<string, World>();
const datasetKeys = new WeakMap<Datasets, number>();
let datasetKeyCount = 0;

/** The world for a seed and dataset choice, built once per process and extended as needed. */
export function worldFor(seed: number, datasets: Datasets | null): World {
  let datasetKey = 0;
  if (datasets) {
    datasetKey = datasetKeys.get(datasets) ?? ++datasetKeyCount;
    datasetKeys.set(datasets, datasetKey);
  }
  const key = `${seed}|${datasetKey}`;
  let world = worlds.get(key);
  if (!world) {
    world = new World(seed, datasets);
    worlds.set(key, world);
  }
  return world;
}
