"""What the workbook shows, as data: the data model over the marts, friendly field
names, sheets, dashboards, filters and actions. The XML is generated from this
(twb.py) and checked against it and the marts (check.py)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    mart: str
    column: str


@dataclass(frozen=True)
class Dim:
    field: Field
    discrete_number: bool = False  # e.g. rank or year shown as headers


@dataclass(frozen=True)
class Measure:
    field: Field
    aggregation: str = "avg"  # every view sits at the mart's grain, so avg/min return the mart's value


Shelf = Dim | Measure


def f(mart: str, column: str) -> Field:
    return Field(mart, column)


@dataclass(frozen=True)
class Join:
    mart: str
    kind: str  # "inner" | "left"
    on: tuple[tuple[Field, str], ...]  # (field already in the model, column of this mart)


@dataclass(frozen=True)
class Sheet:
    name: str
    mark: str  # Bar | Line | Circle | Text
    rows: tuple[Shelf, ...]
    cols: tuple[Shelf, ...]
    color: Shelf | None = None
    detail: tuple[Shelf, ...] = ()
    text: tuple[Shelf, ...] = ()
    tooltip: tuple[Shelf, ...] = ()
    exclude_null: tuple[Field, ...] = ()  # rows the sheet's mart has no value for (left joins)
    caption: str = ""


@dataclass(frozen=True)
class FilterAction:
    """Clicking a mark in `sheet` on `dashboard` filters `target` dashboard to the mark's `field` value."""

    name: str
    caption: str
    dashboard: str
    sheet: str
    target: str
    field: Field  # filtered in the target
    source_field: Field | None = None  # the mark's field that carries the value, when it is another mart's

    @property
    def source(self) -> Field:
        return self.source_field or self.field


@dataclass(frozen=True)
class UrlAction:
    name: str
    caption: str
    dashboard: str
    sheet: str
    url: str  # with one {} for the field value
    field: Field


@dataclass(frozen=True)
class Dashboard:
    name: str
    title: str
    sheets: tuple[str, ...]
    text: str = ""
    filter_cards: bool = True


# The marts the workbook reads, and how they join: every row is a series in a period
# (fct_series_ratings), with its series attributes, genres and networks, and the
# mart rows that describe that series, genre or network in that period. Views sit at
# the grain of the mart they show, so the fan-out of the joins never changes a value.
ROOT = "fct_series_ratings"
JOINS: tuple[Join, ...] = (
    Join("dim_series", "inner", ((f(ROOT, "series_id"), "series_id"),)),
    Join("bridge_series_genre", "left", ((f(ROOT, "series_id"), "series_id"),)),
    Join("bridge_series_network", "left", ((f(ROOT, "series_id"), "series_id"),)),
    Join("mart_source_comparison", "left", ((f(ROOT, "period"), "period"), (f(ROOT, "series_id"), "series_id"))),
    Join(
        "mart_top_rated_by_network",
        "left",
        (
            (f(ROOT, "period"), "period"),
            (f(ROOT, "series_id"), "series_id"),
            (f("bridge_series_network", "network_id"), "network_id"),
        ),
    ),
    Join(
        "mart_genre_rating_distribution",
        "left",
        ((f(ROOT, "period"), "period"), (f("bridge_series_genre", "genre_id"), "genre_id")),
    ),
    Join(
        "mart_rating_trends",
        "left",
        ((f(ROOT, "period"), "period"), (f("bridge_series_genre", "genre_id"), "genre_id")),
    ),
)
MARTS: tuple[str, ...] = (ROOT, *(j.mart for j in JOINS))

# Friendly names and the data dictionary, by column name (the marts share names for the same fact).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "period": ("Week", "ISO week of the weekly run (YYYY-Www)"),
    "run_id": ("Run ID", "The pipeline run whose ratings hold the week"),
    "series_id": ("Series ID", "TMDB id of the series"),
    "collected_at": ("Collected at", "When the ratings snapshot was taken"),
    "title": ("Series", "Series title"),
    "original_title": ("Original title", "Title in the original language"),
    "first_air_date": ("First aired", "Date the series first aired"),
    "first_air_year": ("Year", "Year the series first aired"),
    "original_language": ("Original language", "ISO 639-1 code"),
    "status": ("Status", "TMDB status (Returning Series, Ended, ...)"),
    "imdb_id": ("IMDb ID", "IMDb title id"),
    "rt_path": ("Rotten Tomatoes page", "Path of the series' Rotten Tomatoes page"),
    "mc_path": ("Metacritic page", "Path of the series' Metacritic page"),
    "genre_id": ("Genre ID", "TMDB genre id"),
    "genre_name": ("Genre", "TMDB genre"),
    "network_id": ("Platform ID", "TMDB network id"),
    "network_name": ("Platform", "Network or streaming platform (TMDB networks)"),
    "tmdb_vote_average": ("TMDB rating (0-10)", "TMDB vote average"),
    "tmdb_vote_count": ("TMDB votes", "TMDB vote count"),
    "imdb_rating": ("IMDb rating (0-10)", "IMDb rating from OMDb"),
    "imdb_count": ("IMDb votes", "IMDb vote count from OMDb"),
    "tomatoes_critic": ("Tomatometer (0-100)", "Rotten Tomatoes critics score"),
    "tomatoes_critic_count": ("Tomatometer reviews", "Number of critic reviews"),
    "tomatoes_audience": ("RT audience score (0-100)", "Rotten Tomatoes audience score"),
    "tomatoes_audience_count": ("RT audience ratings", "Number of audience ratings"),
    "metacritic": ("Metascore (0-100)", "Metacritic critics score"),
    "metacritic_count": ("Metascore reviews", "Number of critic reviews"),
    "metauser": ("Metacritic user score (0-10)", "Metacritic user score"),
    "metauser_count": ("Metacritic user ratings", "Number of user ratings"),
    "tmdb_score_100": ("TMDB score", "TMDB rating on a 0-100 scale"),
    "imdb_score_100": ("IMDb score", "IMDb rating on a 0-100 scale"),
    "tomatometer_score_100": ("Tomatometer score", "Tomatometer on a 0-100 scale"),
    "rt_audience_score_100": ("RT audience score", "Rotten Tomatoes audience score on a 0-100 scale"),
    "metascore_score_100": ("Metascore score", "Metascore on a 0-100 scale"),
    "metacritic_user_score_100": ("Metacritic user score", "Metacritic user score on a 0-100 scale"),
    "source_count": ("Sources", "How many of the six sources rated the series"),
    "composite_score": (
        "Composite score",
        "Equal-weight mean of the available 0-100 scores; empty under three sources",
    ),
    "rank": ("Rank on platform", "Position among the platform's ten best series of the week by composite score"),
    "series_count": ("Series count", "Series in the group"),
    "scored_series_count": ("Scored series", "Series in the genre with a composite score"),
    "avg_composite_score": ("Average composite", "Mean composite score of the genre's series"),
    "min_composite_score": ("Lowest composite", "Lowest composite score in the genre"),
    "p25_composite_score": ("Composite, 25th percentile", "Lower quartile of the genre's composite scores"),
    "median_composite_score": ("Median composite", "Median composite score of the genre"),
    "p75_composite_score": ("Composite, 75th percentile", "Upper quartile of the genre's composite scores"),
    "max_composite_score": ("Highest composite", "Highest composite score in the genre"),
    "source": ("Source", "tmdb, imdb, tomatometer, rt_audience, metascore, metacritic_user or composite"),
    "avg_score_100": ("Average score", "Mean 0-100 score of the genre's series for the source"),
    "change_since_previous_period": ("Change since last week", "Average score minus the genre's previous week"),
    "imdb_minus_tomatometer": ("IMDb - Tomatometer", "Gap in 0-100 points"),
    "imdb_minus_metascore": ("IMDb - Metascore", "Gap in 0-100 points"),
    "tomatometer_minus_rt_audience": ("Tomatometer - RT audience", "Critics minus audience, 0-100 points"),
    "metascore_minus_metacritic_user": ("Metascore - Metacritic users", "Critics minus users, 0-100 points"),
    "tomatometer_minus_metascore": ("Tomatometer - Metascore", "Gap in 0-100 points"),
    "imdb_minus_rt_audience": ("IMDb - RT audience", "Gap in 0-100 points"),
    "max_source_spread": ("Source spread", "Highest minus lowest 0-100 score across the sources"),
    "latest_period": ("Latest week", "Latest week that rated the series"),
    "latest_tmdb_vote_average": ("Latest TMDB rating", "From the latest week"),
    "latest_imdb_rating": ("Latest IMDb rating", "From the latest week"),
    "latest_tomatoes_critic": ("Latest Tomatometer", "From the latest week"),
    "latest_tomatoes_audience": ("Latest RT audience score", "From the latest week"),
    "latest_metacritic": ("Latest Metascore", "From the latest week"),
    "latest_metauser": ("Latest Metacritic user score", "From the latest week"),
    "latest_composite_score": ("Latest composite", "Composite score from the latest week"),
}

# The filters every sheet gets (one shared filter per field on the one data source).
GENRE = f("bridge_series_genre", "genre_name")
PLATFORM = f("bridge_series_network", "network_name")
YEAR = f("dim_series", "first_air_year")
GLOBAL_FILTERS: tuple[Field, ...] = (GENRE, PLATFORM, YEAR)
SERIES = f(ROOT, "series_id")
TITLE = f("dim_series", "title")
HIERARCHY = ("Genre → Series", (GENRE, TITLE))

_score_fields = (
    "tmdb_score_100",
    "imdb_score_100",
    "tomatometer_score_100",
    "rt_audience_score_100",
    "metascore_score_100",
    "metacritic_user_score_100",
    "composite_score",
)
SCORES = tuple(Measure(f(ROOT, c)) for c in _score_fields)
TOP = "mart_top_rated_by_network"
DIST = "mart_genre_rating_distribution"
TRENDS = "mart_rating_trends"
COMPARE = "mart_source_comparison"
PERIOD = Dim(f(ROOT, "period"))

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Top Rated by Platform",
        "Bar",
        rows=(PERIOD, Dim(f(TOP, "network_name")), Dim(f(TOP, "rank"), discrete_number=True), Dim(f(TOP, "title"))),
        cols=(Measure(f(TOP, "composite_score")),),
        detail=(Dim(SERIES),),
        tooltip=(Measure(f(TOP, "source_count")),),
        exclude_null=(f(TOP, "rank"),),
        caption="The ten best series of each platform per week, by composite score."
        " Click a bar for the series profile.",
    ),
    Sheet(
        "Genre Score Distribution",
        "Bar",
        rows=(PERIOD, Dim(f(DIST, "genre_name"))),
        cols=(Measure(f(DIST, "median_composite_score")),),
        tooltip=tuple(
            Measure(f(DIST, c))
            for c in (
                "series_count",
                "scored_series_count",
                "min_composite_score",
                "p25_composite_score",
                "avg_composite_score",
                "p75_composite_score",
                "max_composite_score",
            )
        ),
        exclude_null=(f(DIST, "genre_name"),),
        caption="Median composite score per genre; the tooltip has the quartiles and range."
        " Click a genre to list its series.",
    ),
    Sheet(
        "Series by Genre",
        "Circle",
        rows=(Dim(GENRE),),
        cols=(Measure(f(ROOT, "composite_score")),),
        detail=(Dim(SERIES), Dim(TITLE)),
        tooltip=(PERIOD, Measure(f(ROOT, "source_count"))),
        caption="Every series' composite score within its genres (Genre → Series). Click a series for its profile.",
    ),
    Sheet(
        "Rating Trends",
        "Line",
        rows=(Measure(f(TRENDS, "avg_score_100")),),
        cols=(Dim(f(TRENDS, "period")),),
        color=Dim(f(TRENDS, "source")),
        detail=(Dim(f(TRENDS, "genre_name")),),
        tooltip=(Measure(f(TRENDS, "series_count")), Measure(f(TRENDS, "change_since_previous_period"))),
        exclude_null=(f(TRENDS, "source"),),
        caption="Average 0-100 score per source and genre, week by week. Click a line to list the genre's series.",
    ),
    Sheet(
        "Series Scores Over Time",
        "Line",
        rows=(Measure(f(ROOT, "composite_score")),),
        cols=(PERIOD,),
        detail=(Dim(SERIES), Dim(TITLE)),
        tooltip=(Measure(f(ROOT, "source_count")),),
        caption="Composite score of each series week by week. Click a line for the series profile.",
    ),
    Sheet(
        "Source Spread",
        "Bar",
        rows=(PERIOD, Dim(TITLE)),
        cols=(Measure(f(COMPARE, "max_source_spread")),),
        detail=(Dim(SERIES),),
        tooltip=tuple(
            Measure(f(COMPARE, c))
            for c in (
                "source_count",
                "imdb_minus_tomatometer",
                "imdb_minus_metascore",
                "tomatometer_minus_rt_audience",
                "metascore_minus_metacritic_user",
                "tomatometer_minus_metascore",
                "imdb_minus_rt_audience",
            )
        ),
        caption="How far apart the sources are per series (highest minus lowest 0-100 score); gaps in the tooltip.",
    ),
    Sheet(
        "Scores by Source",
        "Circle",
        rows=(PERIOD, Dim(TITLE)),
        cols=SCORES,
        detail=(Dim(SERIES),),
        caption="Each series' six normalized scores and the composite side by side. Click a series for its profile.",
    ),
    Sheet(
        "Profile Scores",
        "Line",
        rows=SCORES,
        cols=(PERIOD,),
        detail=(Dim(SERIES), Dim(TITLE)),
        caption="The series' score from every source, week by week.",
    ),
    Sheet(
        "Profile Details",
        "Text",
        rows=(
            Dim(TITLE),
            Dim(YEAR),
            Dim(GENRE),
            Dim(PLATFORM),
            Dim(f("dim_series", "status")),
            Dim(f("dim_series", "imdb_id")),
        ),
        cols=(),
        detail=(Dim(SERIES), Dim(f("dim_series", "rt_path")), Dim(f("dim_series", "mc_path"))),
        text=(Measure(f("dim_series", "latest_composite_score")),),
        caption="Title, year, genres and platforms;"
        " its menu opens the TMDB, IMDb, Rotten Tomatoes and Metacritic pages.",
    ),
)

PROFILE = "Show Profile"
DATA_DICTIONARY = "Data Dictionary"
DASHBOARDS: tuple[Dashboard, ...] = (
    Dashboard("Top-Rated Series by Platform", "Top-rated series by platform", ("Top Rated by Platform",)),
    Dashboard(
        "Rating Distribution Across Genres",
        "Rating distribution across genres",
        ("Genre Score Distribution", "Series by Genre"),
    ),
    Dashboard(
        "Trends in Ratings Over Time", "Trends in ratings over time", ("Rating Trends", "Series Scores Over Time")
    ),
    Dashboard(
        "Multi-Source Rating Comparison", "Multi-source rating comparison", ("Source Spread", "Scores by Source")
    ),
    Dashboard(PROFILE, "Show profile", ("Profile Details", "Profile Scores")),
    Dashboard(DATA_DICTIONARY, "Data dictionary", (), text="data-dictionary", filter_cards=False),
)

_drill = "Show the series profile"
FILTER_ACTIONS: tuple[FilterAction, ...] = (
    FilterAction(
        "[ProfileFromTopRated]", _drill, "Top-Rated Series by Platform", "Top Rated by Platform", PROFILE, SERIES
    ),
    FilterAction(
        "[ProfileFromSeriesByGenre]", _drill, "Rating Distribution Across Genres", "Series by Genre", PROFILE, SERIES
    ),
    FilterAction(
        "[ProfileFromSeriesScores]", _drill, "Trends in Ratings Over Time", "Series Scores Over Time", PROFILE, SERIES
    ),
    FilterAction(
        "[ProfileFromSourceSpread]", _drill, "Multi-Source Rating Comparison", "Source Spread", PROFILE, SERIES
    ),
    FilterAction(
        "[ProfileFromScoresBySource]", _drill, "Multi-Source Rating Comparison", "Scores by Source", PROFILE, SERIES
    ),
    # Genre-level marks first list the genre's series on the same dashboard; those drill to the profile.
    FilterAction(
        "[GenreToSeries]",
        "List the genre's series",
        "Rating Distribution Across Genres",
        "Genre Score Distribution",
        "Rating Distribution Across Genres",
        GENRE,
        f(DIST, "genre_name"),
    ),
    FilterAction(
        "[TrendGenreToSeries]",
        "List the genre's series",
        "Trends in Ratings Over Time",
        "Rating Trends",
        "Trends in Ratings Over Time",
        GENRE,
        f(TRENDS, "genre_name"),
    ),
)

URL_ACTIONS: tuple[UrlAction, ...] = (
    UrlAction("[OpenTmdb]", "Open on TMDB", PROFILE, "Profile Details", "https://www.themoviedb.org/tv/{}", SERIES),
    UrlAction(
        "[OpenImdb]",
        "Open on IMDb",
        PROFILE,
        "Profile Details",
        "https://www.imdb.com/title/{}/",
        f("dim_series", "imdb_id"),
    ),
    UrlAction(
        "[OpenRottenTomatoes]",
        "Open on Rotten Tomatoes",
        PROFILE,
        "Profile Details",
        "https://www.rottentomatoes.com{}",
        f("dim_series", "rt_path"),
    ),
    UrlAction(
        "[OpenMetacritic]",
        "Open on Metacritic",
        PROFILE,
        "Profile Details",
        "https://www.metacritic.com{}",
        f("dim_series", "mc_path"),
    ),
)


def sheet_fields(sheet: Sheet) -> list[Field]:
    shelves: list[Shelf] = [*sheet.rows, *sheet.cols, *sheet.detail, *sheet.text, *sheet.tooltip]
    if sheet.color is not None:
        shelves.append(sheet.color)
    return [s.field for s in shelves] + list(sheet.exclude_null)


def used_fields() -> list[Field]:
    """Every mart field the workbook relies on, in first-use order."""
    seen: dict[Field, None] = {}
    for sheet in SHEETS:
        for used in sheet_fields(sheet):
            seen.setdefault(used)
    for used in (
        *GLOBAL_FILTERS,
        *HIERARCHY[1],
        *(a.field for a in FILTER_ACTIONS),
        *(a.source for a in FILTER_ACTIONS),
        *(a.field for a in URL_ACTIONS),
    ):
        seen.setdefault(used)
    for join in JOINS:
        for left, right in join.on:
            seen.setdefault(left)
            seen.setdefault(f(join.mart, right))
    return list(seen)


@dataclass
class Connection:
    """Where the workbook's data lives: live PostgreSQL or the packaged Hyper file."""

    kind: str  # "postgres" | "hyper"
    server: str = ""
    port: int = 5432
    dbname: str = ""
    username: str = ""
    sslmode: str = ""
    hyper_path: str = ""
    schema: str = "marts"
    extra: dict[str, str] = field(default_factory=dict)
