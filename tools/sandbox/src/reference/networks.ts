import { deriveSeed } from "../random.ts";

/** A TV network as TMDB lists it; streaming services have origin_country "". */
export interface Network {
  id: number;
  name: string;
  originCountry: string;
  logoPath: string;
}

const STREAMERS = [
  [213, "Netflix"],
  [1024, "Prime Video"],
  [2739, "Disney+"],
  [2552, "Apple TV+"],
] as const;

const BROADCASTERS = [
  [6, "NBC", "US"],
  [16, "CBS", "US"],
  [2, "ABC", "US"],
  [19, "FOX", "US"],
  [71, "The CW", "US"],
  [49, "HBO", "US"],
  [174, "AMC", "US"],
  [67, "Showtime", "US"],
  [88, "FX", "US"],
  [318, "Starz", "US"],
  [453, "Hulu", "US"],
  [30, "USA Network", "US"],
  [129, "A&E", "US"],
  [14, "PBS", "US"],
  [56, "Cartoon Network", "US"],
  [80, "Adult Swim", "US"],
  [13, "Nickelodeon", "US"],
  [614, "Crunchyroll", "US"],
  [4, "BBC One", "GB"],
  [332, "BBC Two", "GB"],
  [26, "Channel 4", "GB"],
  [9, "ITV1", "GB"],
  [136, "E4", "GB"],
  [1, "Fuji TV", "JP"],
  [98, "TV Tokyo", "JP"],
  [57, "Nippon TV", "JP"],
  [866, "tvN", "KR"],
  [885, "JTBC", "KR"],
  [400, "Antena 3", "ES"],
  [285, "Canal+", "FR"],
  [361, "France 2", "FR"],
  [308, "Das Erste", "DE"],
  [87, "SVT1", "SE"],
  [119, "DR1", "DK"],
  [566, "RÚV", "IS"],
  [33, "MTV", "US"],
] as const;

const LOGO_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A stable, TMDB-looking image path ("/tHZPHOLc6iF27G34cAZGPsMtMSy.png") for a network. */
function logoPathFor(id: number): string {
  let state = deriveSeed("network-logo", id);
  let path = "/";
  for (let i = 0; i < 27; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    path += LOGO_ALPHABET[(state >>> 16) % LOGO_ALPHABET.length];
  }
  return `${path}.png`;
}

export const NETWORKS: readonly Network[] = [
  ...STREAMERS.map(([id, name]) => ({ id, name, originCountry: "", logoPath: logoPathFor(id) })),
  ...BROADCASTERS.map(([id, name, originCountry]) => ({
    id,
    name,
    originCountry,
    logoPath: logoPathFor(id),
  })),
];

const NETWORKS_BY_ID = new Map(NETWORKS.map((network) => [network.id, network]));

export function networkById(id: number): Network {
  const network = NETWORKS_BY_ID.get(id);
  if (!network) throw new Error(`unknown network id ${id}`);
  return network;
}

/** Networks a series from `country` plausibly airs on: local broadcasters plus the global streamers. */
export function networksForCountry(country: string): Network[] {
  const local = NETWORKS.filter((network) => network.originCountry === country);
  const streamers = NETWORKS.filter((network) => network.originCountry === "");
  return local.length > 0 ? [...local, ...streamers] : streamers;
}
