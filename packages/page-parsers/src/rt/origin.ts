export const RT_ORIGIN = "https://www.rottentomatoes.com";
